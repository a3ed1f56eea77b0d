import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

/** zh-CN first; English beside it. Every text a page shows comes from a catalogue defined with defineMessages. */
export type Lang = 'zh' | 'en';
export type Messages = Record<string, readonly [zh: string, en: string]>;

/** A feature's catalogue: each key holds its Chinese and English text; `{name}` marks a value filled in at run time. */
export function defineMessages<M extends Messages>(messages: M): M {
  return messages;
}

const STORAGE_KEY = 'rectify.lang';
const LangContext = createContext<{ lang: Lang; setLang: (lang: Lang) => void }>({ lang: 'zh', setLang: () => {} });

export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return <LangContext.Provider value={value}>{children}</LangContext.Provider>;
}

export function useLang() {
  return useContext(LangContext);
}

export type Translate<M extends Messages> = (key: keyof M & string, vars?: Record<string, string | number>) => string;

export function format(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useT<M extends Messages>(messages: M): Translate<M> {
  const { lang } = useLang();
  return useCallback(
    (key, vars) => {
      const entry = messages[key];
      return entry ? format(entry[lang === 'zh' ? 0 : 1], vars) : key;
    },
    [lang, messages],
  );
}

/** The reader's language outside React: the API client asks the server to answer in it. */
export function storedLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
}

/**
 * Texts of the documents that the server writes as "中文 / English" (lint findings, import problems, notifications):
 * the half in the reader's language. Refusals are not among them: they come by code (refusalText in errors.ts).
 */
export function localise(bilingual: string, lang: Lang): string {
  const cut = bilingual.indexOf(' / ');
  if (cut < 0) return bilingual;
  return lang === 'zh' ? bilingual.slice(0, cut) : bilingual.slice(cut + 3);
}
