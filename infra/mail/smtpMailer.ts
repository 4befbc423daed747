import { createTransport } from 'nodemailer';

/** Mail through an SMTP server (`smtp://user:pass@host:587`, `smtps://…`), by nodemailer. */
export const smtpMailer = (url: string, from: string) => {
  const transport = createTransport(url);
  return {
    send: async (message: { to: string; subject: string; text: string }) => {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
};
