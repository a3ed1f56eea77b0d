import { Type } from 'typebox';

/** How the sign-in page may sign people in besides the password: the single sign-on button, when configured. */
export const signInMethodsBody = Type.Object({
  oidc: Type.Union([Type.Object({ buttonLabel: Type.String() }), Type.Null()]),
});

/** The provider's answer (code and state, or its error); other parameters a provider adds (iss, session_state) pass. */
export const oidcCallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 2048 })),
  state: Type.Optional(Type.String({ maxLength: 512 })),
  error: Type.Optional(Type.String({ maxLength: 256 })),
});

/** A redirect: to the provider, into the app, or to the sign-in page with `?signInError=<code>`. */
export const redirectResponse = { 302: Type.Unsafe<undefined>({ type: 'null', description: 'a redirect (Location)' }) };
