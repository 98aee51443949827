// Package reports turns plain data into the PDFs the office prints: the 公示 notice
// and the 命名决定 in the official format of GB/T 9704-2012, certificates in batches
// (full design or only the variable text for pre-printed stock) and the calibration
// page for that stock. It never touches the database nor the window.
//
// Chinese text is laid out here, not by gofpdf: every character is first checked
// against the fonts (a character no font has, or any beyond U+FFFF, stops the job
// with a GlyphError naming the record, the field and the character, before anything
// is drawn); a character one font lacks comes from the next font of its chain; lines
// are broken by the Chinese rules (禁则) and justified, and each run of glyphs is
// placed by hand. gofpdf's MultiCell and SplitText are never used.
//
// Fonts: four roles (title 小标宋, body 仿宋, 黑体, 楷体), embedded defaults from
// assets (cut to GB 2312), each with a same-style fallback for the rest of GBK
// (标宋, 黑体, and 楷体 for both 楷体 and 仿宋) and a 宋体 last resort. The clerk may
// choose system fonts per role: LoadFontFile reads a .ttf or one face of a .ttc and
// refuses what cannot print (CFF outlines, no Unicode map, missing GB 2312 hanzi);
// FontFaces lists a file's faces for a chooser.
package reports
