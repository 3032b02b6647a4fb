import type { FormInstance } from 'antd';
import { useEffect, useRef } from 'react';

/** Shows a newer version of the record in a form the user has not touched; edits in progress are kept. */
export function useFollowVersion(form: FormInstance, version: number): void {
  const shown = useRef(version);
  useEffect(() => {
    if (shown.current === version) return;
    shown.current = version;
    if (!form.isFieldsTouched()) form.resetFields();
  }, [form, version]);
}
