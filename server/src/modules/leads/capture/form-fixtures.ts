/** Form definitions shared by the web-form tests. */

export const label = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

export function contactForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Contact us',
    fields: [
      { field: 'companyName', label: label('公司名称', 'Company'), required: true },
      { field: 'contactName', label: label('联系人', 'Your name'), required: true },
      { field: 'email', label: label('邮箱', 'Email') },
      { field: 'phone', label: label('手机', 'Phone') },
      { field: 'companySize', label: label('公司规模', 'Company size') },
      { field: 'notes', label: label('需求描述', 'What do you need?') },
      {
        field: 'consent',
        label: label('我同意接收产品资讯', 'I agree to receive product news'),
        required: true,
      },
    ],
    texts: {
      title: label('联系我们', 'Contact us'),
      intro: label('留下信息，顾问将在一个工作日内联系您。', 'Leave your details and we call you back.'),
      submit: label('提交', 'Send'),
      thankYou: label('谢谢！我们会尽快联系您。', 'Thank you! We will be in touch.'),
    },
    ...overrides,
  };
}
