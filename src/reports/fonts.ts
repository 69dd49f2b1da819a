/**
 * Fonts and sizes of GB/T 9704-2012《党政机关公文格式》: title in 2号 小标宋, headings 3号 黑体 / 楷体,
 * text 3号 仿宋, page numbers 4号 宋体; A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so bottom 35 mm,
 * right 26 mm), 22 lines of 28 characters.
 *
 * DOCX and XLSX name the official fonts (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体): Word on a
 * government PC uses them. Where they are missing — Linux, LibreOffice, Chromium — the free Noto CJK
 * fonts stand in: scripts/install-system-deps.sh installs fonts-noto-cjk(-extra) and a fontconfig rule
 * mapping the official names to Noto Serif CJK SC / Noto Sans CJK SC. `fontSet: 'noto'` writes the
 * Noto names into DOCX and XLSX instead.
 */

export type FontSet = 'gb' | 'noto';

export interface Fonts {
  title: string;
  hei: string;
  kai: string;
  fang: string;
  song: string;
}

export const FONT_SETS: Record<FontSet, Fonts> = {
  gb: { title: '方正小标宋简体', hei: '黑体', kai: '楷体_GB2312', fang: '仿宋_GB2312', song: '宋体' },
  noto: {
    title: 'Noto Serif CJK SC',
    hei: 'Noto Sans CJK SC',
    kai: 'Noto Serif CJK SC',
    fang: 'Noto Serif CJK SC',
    song: 'Noto Serif CJK SC',
  },
};

/** CSS font stacks: the official font where installed, else its usual Windows/macOS name, else Noto. */
export const CSS_FONTS = {
  title:
    '"JX Title", "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  hei: '"黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  kai: '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  fang: '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  song: '"宋体", "SimSun", "Noto Serif CJK SC", "Source Han Serif SC", serif',
};

/** Chinese type sizes in points. */
export const PT = { 二号: 22, 小二: 18, 三号: 16, 小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9 } as const;

/** Page margins in mm. Landscape pages (wide 自评表) turn the portrait margins by a quarter. */
export const MARGINS_MM = {
  portrait: { top: 37, bottom: 35, left: 28, right: 26 },
  landscape: { top: 28, bottom: 26, left: 37, right: 35 },
} as const;

export const A4_MM = { width: 210, height: 297 } as const;

/** Fixed line pitch of the text: 225 mm ÷ 22 lines ≈ 28.95 pt. */
export const LINE_PT = 28.95;
