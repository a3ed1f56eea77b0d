import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Offices have 仿宋_GB2312, 方正小标宋简体 and the rest installed; this machine has Noto CJK. The documents keep the official names
 * (that is what offices need); only the renderer here is told which installed font stands in for each.
 */
const FONT_STAND_INS: Record<string, string> = {
  仿宋_GB2312: 'Noto Serif CJK SC',
  仿宋: 'Noto Serif CJK SC',
  楷体_GB2312: 'Noto Serif CJK SC',
  楷体: 'Noto Serif CJK SC',
  方正小标宋简体: 'Noto Serif CJK SC',
  宋体: 'Noto Serif CJK SC',
  黑体: 'Noto Sans CJK SC',
};

let fontConfigFile: string | null = null;
function fontConfig(): string {
  if (fontConfigFile) return fontConfigFile;
  const aliases = Object.entries(FONT_STAND_INS)
    .map(
      ([name, standIn]) =>
        `  <alias binding="same"><family>${name}</family><prefer><family>${standIn}</family></prefer></alias>`,
    )
    .join('\n');
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'rectify-fonts-')), 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${aliases}\n</fontconfig>\n`,
  );
  fontConfigFile = file;
  return file;
}

let available: boolean | null = null;
/** Whether `soffice` can be run here; tests that need it skip with a reason when it cannot (CI installs it). */
export function hasLibreOffice(): boolean {
  if (available === null) {
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

export const LIBREOFFICE_MISSING = 'LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui';

function countPdfPages(pdf: string): number {
  try {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const m = /^Pages:\s+(\d+)/m.exec(info);
    if (m) return Number(m[1]);
  } catch {
    // pdfinfo is optional; fall back to counting page objects.
  }
  return (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

/** Converts a document to PDF headless, with its own profile so parallel tests do not fight over one. */
export async function convertToPdf(file: string, outDir: string): Promise<{ pdf: string; pages: number }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'rectify-lo-profile-'));
  await run(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      file,
    ],
    { timeout: 120_000, env: { ...process.env, FONTCONFIG_FILE: fontConfig() } },
  );
  const pdf = path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
  return { pdf, pages: countPdfPages(pdf) };
}
