// Renders public/icons/*.svg to the PNG icons the web app manifest lists.
// Run once after changing an SVG: `npx tsx scripts/make-icons.ts`; the PNGs are committed.
import { readFile, writeFile } from 'node:fs/promises';
import { launchChromium } from './chromium.ts';

const icons = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];

const browser = await launchChromium();
try {
  for (const { svg, png, size } of icons) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const source = await readFile(`public/icons/${svg}`, 'utf8');
    await page.setContent(
      `<body style="margin:0;background:transparent"><img style="width:${size}px;height:${size}px;display:block" src="data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}"></body>`,
    );
    await writeFile(`public/icons/${png}`, await page.screenshot({ omitBackground: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
