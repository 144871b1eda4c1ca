/** Dark enough for white text at WCAG AA (Ant Design's light presets are not, on small tags). */
export const TAG_COLORS = { red: '#a8071a', orange: '#ad4e00', blue: '#0958d9', green: '#237804' } as const;
