// `end` / `stop`: nothing below this line is read (a signature, a quoted message, ...).
import type { EmailCommand } from './types.ts';

export const end: EmailCommand = {
  name: 'end',
  aliases: ['stop'],
  synopsis: '',
  description: 'Stop reading commands here.',
  async run() {
    return { lines: [], stop: true };
  },
};
