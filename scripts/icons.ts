// `node scripts/icons.ts`: every app and tray icon, rendered from the one source image build/icon.svg with
// Debian's Chromium (playwright-core; never a downloaded browser). Re-runnable; the outputs are committed.
//
//   build/icon.png            1024 px  electron-builder's source (macOS .icns is derived from it on a Mac)
//   build/icon.ico            16–256 px, Windows installer and executable
//   build/icons/NxN.png       16–512 px, the Linux icon set (AppImage, deb, desktop entry)
//   build/tray/               the tray images per health state (main/desktop/tray-icons.ts names them):
//       {ok,degraded,attention}.png + @2x   16/32 px  (macOS uses the two alarm ones; Windows/Linux fallbacks)
//       okTemplate.png + @2x               16/32 px  macOS template image (black + alpha) for the calm state
//       {ok,degraded,attention}.ico        16–48 px  Windows
//       {ok,degraded,attention}-32.png     32 px     Linux
//       app-256.png                        256 px    notifications' icon on Windows and Linux
//   renderer/public/favicon.svg         the page's icon (the source itself: a browser draws SVG at any size)
//
// CHROMIUM_PATH overrides /usr/bin/chromium.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { projectDir } from './electron-binary.ts';

const buildDir = join(projectDir, 'build');
const trayDir = join(buildDir, 'tray');
const linuxDir = join(buildDir, 'icons');
const source = readFileSync(join(buildDir, 'icon.svg'), 'utf8');

type Variant = 'app' | 'tray-ok' | 'tray-degraded' | 'tray-attention' | 'tray-template';

// The tray variants are the same drawing, simplified for 16 px: no stand, thicker lines, screen centred;
// the alarm states add a badge in the corner. The template is the glyph alone, black on transparent.
const trayCss = `#stand{display:none} #glyph{stroke-width:104px} #glyph,#dot{transform:translate(0px,64px)} #dot{r:96px}`;
const templateCss = `${trayCss} #tile{display:none} #glyph{stroke:#000} #dot{fill:#000} #glyph,#dot{transform:translate(0px,64px) scale(1.12);transform-origin:512px 448px}`;
const badge = (fill: string, mark: string): string =>
  `<circle cx="790" cy="790" r="230" fill="${fill}" stroke="#ffffff" stroke-width="56"/>${mark}`;
const exclamation = `<path d="M790 660 V810" stroke="#ffffff" stroke-width="84" stroke-linecap="round"/><circle cx="790" cy="905" r="46" fill="#ffffff"/>`;

function svgFor(variant: Variant): string {
  const extraCss = variant === 'app' ? '' : variant === 'tray-template' ? templateCss : trayCss;
  const overlay =
    variant === 'tray-degraded' ? badge('#f59e0b', '') : variant === 'tray-attention' ? badge('#dc2626', exclamation) : '';
  return source
    .replace(/<svg([^>]*)>/, `<svg$1><style>${extraCss}</style>`)
    .replace('</svg>', `${overlay}</svg>`);
}

async function render(page: Page, variant: Variant, size: number): Promise<Buffer> {
  await page.setViewportSize({ width: size, height: size });
  const svg = svgFor(variant).replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  return page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
}

/** An .ico holding PNG images (the format Windows has read since Vista). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

const browser = await chromium.launch({
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  mkdirSync(trayDir, { recursive: true });
  mkdirSync(linuxDir, { recursive: true });
  const written: string[] = [];
  const write = (path: string, data: Buffer): void => {
    writeFileSync(path, data);
    written.push(path.slice(projectDir.length + 1));
  };

  write(join(projectDir, 'renderer', 'public', 'favicon.svg'), Buffer.from(source));
  write(join(buildDir, 'icon.png'), await render(page, 'app', 1024));
  const winSizes = [16, 24, 32, 48, 64, 128, 256];
  const appImages = new Map<number, Buffer>();
  for (const size of [...winSizes, 512]) appImages.set(size, await render(page, 'app', size));
  write(join(buildDir, 'icon.ico'), ico(winSizes.map((size) => ({ size, png: appImages.get(size) as Buffer }))));
  for (const size of [16, 32, 48, 64, 128, 256, 512]) write(join(linuxDir, `${size}x${size}.png`), appImages.get(size) as Buffer);
  write(join(trayDir, 'app-256.png'), appImages.get(256) as Buffer);

  const trayVariants: [string, Variant][] = [
    ['ok', 'tray-ok'],
    ['degraded', 'tray-degraded'],
    ['attention', 'tray-attention'],
  ];
  for (const [name, variant] of trayVariants) {
    const bySize = new Map<number, Buffer>();
    for (const size of [16, 20, 24, 32, 40, 48]) bySize.set(size, await render(page, variant, size));
    write(join(trayDir, `${name}.png`), bySize.get(16) as Buffer);
    write(join(trayDir, `${name}@2x.png`), bySize.get(32) as Buffer);
    write(join(trayDir, `${name}-32.png`), bySize.get(32) as Buffer);
    write(join(trayDir, `${name}.ico`), ico([...bySize].map(([size, png]) => ({ size, png }))));
  }
  write(join(trayDir, 'okTemplate.png'), await render(page, 'tray-template', 16));
  write(join(trayDir, 'okTemplate@2x.png'), await render(page, 'tray-template', 32));
  console.log(`icons: wrote ${written.length} files from build/icon.svg:\n  ${written.join('\n  ')}`);
} finally {
  await browser.close();
}
