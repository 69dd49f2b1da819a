/**
 * Fonts and sizes of GB/T 9704-2012《党政机关公文格式》: title in 2号 小标宋, headings 3号 黑体 / 楷体,
 * text 3号 仿宋, page numbers 4号 宋体; A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so bottom 35 mm,
 * right 26 mm), 22 lines of 28 characters.
 *
 * DOCX and XLSX name the official fonts (方正小标宋简体, 黑体, 楷体_GB2312, 仿宋_GB2312, 宋体), and the DOCX
 * font table gives Word the fallbacks (仿宋_GB2312 → 仿宋 → FangSong …) for a PC without the _GB2312 fonts.
 * Where none is installed — Linux, LibreOffice, Chromium — free TrueType fonts from Debian stand in
 * (scripts/install-system-deps.sh installs them and maps the official names to them in fontconfig):
 * AR PL UMing CN (a light 明体, for 仿宋 and the title), AR PL UKai CN (楷体), WenQuanYi Zen Hei (黑体).
 * TrueType, so that the PDF embeds them as named CID fonts. `fontSet: 'noto'` writes the Noto CJK names.
 */

/** gb: the official names (what the unit's Word uses); noto: Noto CJK; free: the Debian TrueType fonts (the PDF's). */
export type FontSet = 'gb' | 'noto' | 'free';

export interface Fonts {
  title: string;
  hei: string;
  kai: string;
  fang: string;
  song: string;
}

/** The Debian fonts that stand in for the official ones (PDF, LibreOffice), as fontconfig names them. */
export const FREE_FONTS = {
  fang: 'AR PL UMing CN',
  kai: 'AR PL UKai CN',
  hei: 'WenQuanYi Zen Hei',
  title: 'AR PL UMing CN',
  song: 'AR PL UMing CN',
} as const;

export const FONT_SETS: Record<FontSet, Fonts> = {
  gb: { title: '方正小标宋简体', hei: '黑体', kai: '楷体_GB2312', fang: '仿宋_GB2312', song: '宋体' },
  noto: {
    title: 'Noto Serif CJK SC',
    hei: 'Noto Sans CJK SC',
    kai: 'Noto Serif CJK SC',
    fang: 'Noto Serif CJK SC',
    song: 'Noto Serif CJK SC',
  },
  free: { ...FREE_FONTS },
};

/**
 * The DOCX font table: each official name with the name Word tries next (w:altName), its GB2312
 * charset and its PANOSE class, so that a PC without 仿宋_GB2312 uses 仿宋 (then FangSong), not a Latin font.
 */
export const FONT_FALLBACKS: Array<{
  name: string;
  alt: string;
  family: 'roman' | 'modern' | 'swiss';
  panose: string;
}> = [
  { name: '仿宋_GB2312', alt: '仿宋', family: 'modern', panose: '02010609030101010101' },
  { name: '仿宋', alt: 'FangSong', family: 'modern', panose: '02010609060101010101' },
  { name: '楷体_GB2312', alt: '楷体', family: 'modern', panose: '02010609030101010101' },
  { name: '楷体', alt: 'KaiTi', family: 'modern', panose: '02010609060101010101' },
  { name: '方正小标宋简体', alt: '宋体', family: 'roman', panose: '02000000000000000000' },
  { name: '黑体', alt: 'SimHei', family: 'modern', panose: '02010609060101010101' },
  { name: '宋体', alt: 'SimSun', family: 'roman', panose: '02010600030101010101' },
];

/** CSS font stacks: the official font where installed, else its usual Windows/macOS name, else the Debian one. */
export const CSS_FONTS = {
  title: `"方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "${FREE_FONTS.title}", serif`,
  hei: `"黑体", "SimHei", "STHeiti", "${FREE_FONTS.hei}", sans-serif`,
  kai: `"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "${FREE_FONTS.kai}", serif`,
  fang: `"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "${FREE_FONTS.fang}", serif`,
  song: `"宋体", "SimSun", "${FREE_FONTS.song}", serif`,
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

/** Characters a line of text holds (GB/T 9704: 28), and so the character pitch of 3号 text on the 156 mm line. */
export const CHARS_PER_LINE = 28;
export const TEXT_WIDTH_PT = (156 / 25.4) * 72;
export const CHAR_PITCH_PT = TEXT_WIDTH_PT / CHARS_PER_LINE;

/** Characters a line of the 2号 title holds. */
export const TITLE_CHARS = Math.floor(TEXT_WIDTH_PT / PT.二号);
