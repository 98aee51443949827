package reports

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"jiayuan/assets"
)

// Rasterising a Chart to PNG (for slides), with the embedded print fonts.

var (
	pngFontsOnce sync.Once
	pngFonts     []*opentype.Font // 黑体, its GBK fallback, the last resort
	pngFontsErr  error
)

func loadPNGFonts() error {
	pngFontsOnce.Do(func() {
		for _, b := range [][]byte{assets.PrintHei, assets.PrintHeiGBK, assets.PrintFallback} {
			f, err := opentype.Parse(b)
			if err != nil {
				pngFontsErr = fmt.Errorf("内置字体损坏：%w", err)
				return
			}
			pngFonts = append(pngFonts, f)
		}
	})
	return pngFontsErr
}

// pngText draws strings with the first face that has each character.
type pngText struct {
	faces []font.Face
	img   *image.RGBA
}

func newPNGText(img *image.RGBA, px float64) (*pngText, error) {
	if err := loadPNGFonts(); err != nil {
		return nil, err
	}
	t := &pngText{img: img}
	for _, f := range pngFonts {
		face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: px, DPI: 72, Hinting: font.HintingFull})
		if err != nil {
			return nil, err
		}
		t.faces = append(t.faces, face)
	}
	return t, nil
}

func (t *pngText) face(r rune) font.Face {
	for _, f := range t.faces {
		if _, ok := f.GlyphAdvance(r); ok {
			return f
		}
	}
	return t.faces[0]
}

// width is s's advance in pixels.
func (t *pngText) width(s string) float64 {
	var w fixed.Int26_6
	for _, r := range s {
		a, _ := t.face(r).GlyphAdvance(r)
		w += a
	}
	return float64(w) / 64
}

// draw writes s with its baseline at (x, y).
func (t *pngText) draw(s string, x, y float64, c color.Color) {
	dot := fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6(y * 64)}
	for _, r := range s {
		f := t.face(r)
		d := font.Drawer{Dst: t.img, Src: image.NewUniform(c), Face: f, Dot: dot}
		d.DrawString(string(r))
		dot = d.Dot
	}
}

// fit cuts s to width pixels, ending it with "…" when cut.
func (t *pngText) fit(s string, width float64) string {
	if t.width(s) <= width {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		if c := string(rs[:n]) + "…"; t.width(c) <= width {
			return c
		}
	}
	return ""
}

// ChartPNG rasterises c to a width×height PNG on white.
func ChartPNG(w io.Writer, c Chart, width, height int) error {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	scale := float64(width) / 800
	big, err := newPNGText(img, 18*scale)
	if err != nil {
		return err
	}
	small, err := newPNGText(img, 13*scale)
	if err != nil {
		return err
	}
	black := color.Black
	big.draw(c.Title, 16*scale, 28*scale, black)
	x := 16 * scale
	for _, s := range c.Series {
		if len(c.Series) == 1 {
			break
		}
		pngFill(img, Rect{x, 42 * scale, 22 * scale, 12 * scale}, s.Tone)
		small.draw(s.Name, x+27*scale, 53*scale, black)
		x += 40*scale + small.width(s.Name)
	}
	labelW := 170 * scale
	plot := Rect{labelW, 66 * scale, float64(width) - labelW - 70*scale, float64(height) - 100*scale}
	if c.Note != "" {
		small.draw(c.Note, 16*scale, float64(height)-12*scale, color.Gray{0x50})
	}
	for i, l := range c.Labels {
		cy := c.RowCentre(plot, i) + 4.5*scale
		l = small.fit(l, labelW-22*scale)
		small.draw(l, labelW-8*scale-small.width(l), cy, black)
		end := plot.X + c.Total(i)/c.AxisMax()*plot.W
		small.draw(ValueText(c.Total(i)), end+5*scale, cy, black)
	}
	for _, b := range c.Layout(plot) {
		pngFill(img, Rect{b.X, b.Y, b.W, b.H}, c.Series[b.Series].Tone)
	}
	axis := color.Gray{0x3c}
	fillRect(img, Rect{plot.X - 1, plot.Y, 1.5 * scale, plot.H}, axis)
	fillRect(img, Rect{plot.X - 1, plot.Y + plot.H, plot.W + 1, 1.5 * scale}, axis)
	mx := ValueText(c.AxisMax()) + c.Unit
	small.draw(mx, plot.X+plot.W-small.width(mx)/2, plot.Y+plot.H+18*scale, black)
	return png.Encode(w, img)
}

func fillRect(img *image.RGBA, r Rect, c color.Color) {
	draw.Draw(img, image.Rect(int(r.X), int(r.Y), int(r.X+r.W+0.5), int(r.Y+r.H+0.5)), image.NewUniform(c), image.Point{}, draw.Over)
}

// pngFill fills r with the tone's colour and pattern, outlined.
func pngFill(img *image.RGBA, r Rect, t Tone) {
	red, g, b, pat := ToneStyle(t)
	x0, y0, x1, y1 := int(r.X), int(r.Y), int(r.X+r.W+0.5), int(r.Y+r.H+0.5)
	if x1 <= x0 {
		x1 = x0 + 1
	}
	ink := color.RGBA{0x28, 0x28, 0x28, 0xff}
	fill := color.RGBA{red, g, b, 0xff}
	for y := y0; y < y1; y++ {
		for x := x0; x < x1; x++ {
			c := fill
			switch pat {
			case PatternHatch:
				if (x+y)%6 == 0 {
					c = ink
				}
			case PatternCross:
				if (x+y)%7 == 0 || (x-y+7000)%7 == 0 {
					c = ink
				}
			case PatternDots:
				if x%5 == 2 && y%5 == 2 {
					c = ink
				}
			}
			if x == x0 || x == x1-1 || y == y0 || y == y1-1 {
				c = ink
			}
			img.SetRGBA(x, y, c)
		}
	}
}
