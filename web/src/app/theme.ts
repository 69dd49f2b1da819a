import type { ThemeConfig } from 'antd';

/**
 * A government/enterprise look: a deep blue, square-ish corners, Chinese UI fonts. Text colours are
 * darker than antd's defaults so that secondary text, placeholders and warnings reach WCAG AA
 * (4.5:1 on white): #1d4ed8 6.7:1, rgba(0,0,0,.65) 7.5:1, rgba(0,0,0,.56) ≈ #707070 4.9:1,
 * #ad5b00 5.0:1, #237804 5.6:1, #c41d1f 5.9:1.
 */
export const FONT_FAMILY =
  '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", sans-serif';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    colorLink: '#1d4ed8',
    colorLinkHover: '#1e40af',
    colorLinkActive: '#1e3a8a',
    colorPrimaryHover: '#1e40af',
    colorPrimaryActive: '#1e3a8a',
    colorErrorHover: '#a51a1c',
    colorSuccess: '#237804',
    colorWarning: '#ad5b00',
    colorError: '#c41d1f',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.56)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
    borderRadius: 4,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
  },
  components: {
    Layout: { headerBg: '#0b2f6b', siderBg: '#ffffff', bodyBg: '#f3f5f9', headerHeight: 56, headerPadding: '0 20px' },
    Menu: { itemSelectedColor: '#1d4ed8', itemSelectedBg: '#e8eefc' },
    Table: { headerBg: '#eef2f8', cellPaddingBlockSM: 6, cellPaddingInlineSM: 8 },
  },
};

/** Status colours with dark text on a light fill (AA). */
export const STATUS_STYLE: Record<string, { color: string; bg: string; border: string }> = {
  draft: { color: '#3f3f46', bg: '#f4f4f5', border: '#d4d4d8' },
  submitted_leader: { color: '#1e40af', bg: '#eff4ff', border: '#bfd1fb' },
  submitted_bureau: { color: '#6d28d9', bg: '#f5f0ff', border: '#d9c8fb' },
  returned: { color: '#b42318', bg: '#fef3f2', border: '#fecdca' },
  approved: { color: '#166534', bg: '#effbf2', border: '#b7ebc6' },
  locked: { color: '#3f3f46', bg: '#eceef2', border: '#c4c8d0' },
};

export const GRADE_COLOURS: Record<string, string> = { 优: '#166534', 良: '#1d4ed8', 中: '#9a5b00', 差: '#b42318' };
