package reports

import (
	"fmt"
	"io"
)

// LetterheadCalibration writes the 红头纸 calibration page: an A4 millimetre grid
// with the 发文字号 and the body start drawn where the settings put them (zero:
// the standard's places), so a clerk holds it against the letterhead and reads
// how far to move them.
func LetterheadCalibration(w io.Writer, wenhaoTop, bodyTop float64, sample string, f *Fonts) error {
	dw, db := LetterheadDefaults()
	if wenhaoTop <= 0 {
		wenhaoTop = dw
	}
	if bodyTop <= 0 {
		bodyTop = db
	}
	fs, err := newFontSet(f)
	if err != nil {
		return err
	}
	marks := []string{
		fmt.Sprintf("发文字号上沿 %.1f 毫米", wenhaoTop),
		fmt.Sprintf("正文（标题）上沿 %.1f 毫米", bodyTop),
	}
	lines := []string{
		"红头纸校准页",
		"用打印公文的同一台打印机、以“实际大小”（不缩放）在白纸上打印本页，叠在红头纸上对着光看。",
		"红线应落在红头纸的红色分隔线之上、空出的发文字号位置；蓝线应在分隔线下方适当位置（标准为分隔线下空二行）。",
		"量出应移动的毫米数，在“设置—打印—公文”中改“红头纸发文字号位置”和“红头纸正文起始位置”（均从纸张上边缘量起）。",
	}
	for _, s := range append(append(lines, marks...), "0123456789", sample) {
		if err := fs.check("红头纸校准页", "说明", s, RoleHei); err != nil {
			return err
		}
	}
	if err := fs.check("红头纸校准页", "发文字号", sample, RoleBody); err != nil {
		return err
	}
	d := newRenderer(fs, gbPageW, gbPageH, "红头纸校准页", true)
	d.addPage()
	if err := d.calibrationGrid(gbPageW, gbPageH); err != nil {
		return err
	}
	if err := d.calibrationMark(wenhaoTop, marks[0], sample, [3]int{230, 0, 0}); err != nil {
		return err
	}
	if err := d.calibrationMark(bodyTop, marks[1], "", [3]int{0, 80, 200}); err != nil {
		return err
	}
	pdf := d.pdf
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetLineWidth(0.2)
	pdf.SetDashPattern([]float64{2, 1}, 0)
	pdf.Rect(gbLeft, gbTop, gbBlockW, gbBlockH, "D")
	pdf.SetDashPattern(nil, 0)
	bx, by, bw := gbLeft+8, 190.0, gbBlockW-16
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(bx, by, bw, 50, "FD")
	top := by + 4
	if top, err = d.text([]span{{lines[0], RoleHei}}, 14, bx+4, top, bw-8, 0, 1.5, alignCenter); err != nil {
		return err
	}
	for _, s := range lines[1:] {
		if top, err = d.text([]span{{s, RoleHei}}, 10, bx+4, top, bw-8, 0, 1.5, alignJustify); err != nil {
			return err
		}
	}
	return d.finish(w)
}

// calibrationGrid draws the millimetre grid with its figures every 10 mm.
func (d *renderer) calibrationGrid(w, h float64) error {
	pdf := d.pdf
	for mm := 0.0; mm <= w+0.01; mm++ {
		gridLine(pdf, mm)
		pdf.Line(mm, 0, mm, h)
	}
	for mm := 0.0; mm <= h+0.01; mm++ {
		gridLine(pdf, mm)
		pdf.Line(0, mm, w, mm)
	}
	pdf.SetTextColor(0, 0, 0)
	for mm := 10; float64(mm) < w; mm += 10 {
		if _, err := d.text([]span{{fmt.Sprint(mm), RoleHei}}, 7, float64(mm)+0.6, 11, 12, 0, 1, alignLeft); err != nil {
			return err
		}
	}
	for mm := 20; float64(mm) < h; mm += 10 {
		if _, err := d.text([]span{{fmt.Sprint(mm), RoleHei}}, 7, 11, float64(mm)+0.4, 12, 0, 1, alignLeft); err != nil {
			return err
		}
	}
	return nil
}

// calibrationMark draws a coloured line across the text block at y with its
// label at the right, and the sample text centred below it as it will print.
func (d *renderer) calibrationMark(y float64, label, sample string, rgb [3]int) error {
	pdf := d.pdf
	pdf.SetDrawColor(rgb[0], rgb[1], rgb[2])
	pdf.SetLineWidth(0.4)
	pdf.Line(gbLeft-10, y, gbLeft+gbBlockW+10, y)
	pdf.SetTextColor(rgb[0], rgb[1], rgb[2])
	_, err := d.text([]span{{label, RoleHei}}, 8, gbLeft, y-4, gbBlockW, 0, 1, alignRight)
	pdf.SetTextColor(0, 0, 0)
	if err != nil {
		return err
	}
	if sample == "" {
		return nil
	}
	us, gerr := d.fs.shape([]span{{sample, RoleBody}}, gbBodyPt, gbPitch)
	if gerr != nil {
		return gerr
	}
	d.draw(place(us, gbLeft, gbBlockW, alignCenter), y)
	return nil
}
