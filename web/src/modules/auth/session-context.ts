import type { Me } from '@contracts/auth.contract';
import { createContext } from 'react';

export const SessionContext = createContext<Me | null>(null);
