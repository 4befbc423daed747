/**
 * oidc-provider, loaded without its "Unsupported runtime" warning: version 9 asks for Node 22 and says so
 * on stderr at import, which the project (Node 20 and later) would print before every CLI answer, breaking
 * their one-line errors. Only that message is held back; every other warning passes.
 */
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (!String(args[0]).includes('oidc-provider WARNING: Unsupported runtime')) warn(...args);
};
const oidc = await import('oidc-provider').finally(() => {
  console.warn = warn;
});

export const Provider = oidc.default;
export const interactionPolicy = oidc.interactionPolicy;
