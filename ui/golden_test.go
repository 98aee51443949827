package ui

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"jiayuan/data"
)

// Golden screenshots of the main screens, rendered by Fyne's test driver
// (deterministic: the embedded font, the demo data, a fixed clock).
//
// Regenerate after an intended change of a screen:
//
//	go test ./ui -run TestGoldenScreens -update
//
// JIAYUAN_SCREENSHOTS=DIR (packaging/screenshots.sh) also writes the README
// screenshots at 1366×768 into DIR.
var updateGolden = flag.Bool("update", false, "rewrite ui/testdata/golden/*.png from the screens as they are now")

const goldenDir = "testdata/golden"

// goldenScreens are the navigation titles and the file names of their pictures.
var goldenScreens = []struct{ title, file string }{
	{"概览", "overview"}, {"社区", "communities"}, {"小区", "compounds"}, {"党组织", "orgs"},
	{"评选", "rounds"}, {"交换文件", "exchange"}, {"设置", "settings"}, {"操作记录", "audit"},
	{"回收站", "recycle"}, {"帮助", "help"},
}

var goldenSizes = []fyne.Size{{Width: 1366, Height: 768}, {Width: 1024, Height: 600}}

// readmeScreens are the screens packaging/screenshots.sh puts in assets/screenshots.
var readmeScreens = map[string]bool{"overview": true, "compounds": true, "rounds": true, "help": true}

// goldenClock is the fixed day of the screenshots.
var goldenClock = time.Date(2024, 6, 20, 10, 0, 0, 0, time.Local)

func TestGoldenScreens(t *testing.T) {
	st := newTestStore(t, false)
	st.SetClock(func() time.Time { return goldenClock })
	if err := data.LoadDemo(st); err != nil {
		t.Fatal(err)
	}
	a := newTestApp(t, st)
	a.Clock = func() time.Time { return goldenClock }
	shots := os.Getenv("JIAYUAN_SCREENSHOTS")
	for _, size := range goldenSizes {
		a.Window().Resize(size)
		for _, s := range goldenScreens {
			openScreen(t, a, s.title)
			a.Status.SetText("")
			dismissDialogs(a)
			img := a.Window().Canvas().Capture()
			name := fmt.Sprintf("%s-%dx%d.png", s.file, int(size.Width), int(size.Height))
			if shots != "" && size == goldenSizes[0] && readmeScreens[s.file] {
				writePNG(t, filepath.Join(shots, s.file+".png"), img)
			}
			checkGolden(t, name, img)
		}
	}
}

// checkGolden compares img with the golden picture name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, img image.Image) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	got := filepath.Join(goldenDir, name[:len(name)-len(".png")]+"_got.png")
	if *updateGolden {
		writePNG(t, path, img)
		os.Remove(got)
		return
	}
	want, err := readPNG(path)
	if err != nil {
		writePNG(t, got, img)
		t.Errorf("%s: no golden picture (%v); the screen as drawn is in %s. Run: go test ./ui -run TestGoldenScreens -update", name, err, got)
		return
	}
	if n, why := imageDiff(want, img); n > goldenMaxPixels || why != "" {
		writePNG(t, got, img)
		t.Errorf("%s changed: %d pixels differ %s(the screen as drawn is in %s). If the change is intended, run: go test ./ui -run TestGoldenScreens -update", name, n, why, got)
		return
	}
	os.Remove(got)
}

// The tolerance: a channel may differ by goldenChannel, and at most
// goldenMaxPixels pixels by more (the test driver's rendering is
// deterministic; this only absorbs rounding between machines).
const (
	goldenChannel   = 8
	goldenMaxPixels = 16
)

// imageDiff counts the pixels of b that differ from a beyond the channel
// tolerance, or says why they cannot be compared.
func imageDiff(a, b image.Image) (int, string) {
	if a.Bounds().Size() != b.Bounds().Size() {
		return 0, fmt.Sprintf("(size %v, was %v) ", b.Bounds().Size(), a.Bounds().Size())
	}
	n := 0
	ab, bb := a.Bounds(), b.Bounds()
	for y := 0; y < ab.Dy(); y++ {
		for x := 0; x < ab.Dx(); x++ {
			r1, g1, b1, a1 := a.At(ab.Min.X+x, ab.Min.Y+y).RGBA()
			r2, g2, b2, a2 := b.At(bb.Min.X+x, bb.Min.Y+y).RGBA()
			if far(r1, r2) || far(g1, g2) || far(b1, b2) || far(a1, a2) {
				n++
			}
		}
	}
	return n, ""
}

func far(x, y uint32) bool {
	d := int(x>>8) - int(y>>8)
	return d > goldenChannel || d < -goldenChannel
}

func readPNG(path string) (image.Image, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return png.Decode(bytes.NewReader(b))
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGoldenCompareCatchesAChange checks the comparison itself: a picture
// with one label's worth of changed pixels fails, one within the tolerance passes.
func TestGoldenCompareCatchesAChange(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("家园")
	w.Resize(fyne.NewSize(200, 100))
	img := w.Canvas().Capture()
	changed := image.NewNRGBA(img.Bounds())
	near := image.NewNRGBA(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			c := img.At(x, y)
			changed.Set(x, y, c)
			r, g, b, al := c.RGBA()
			near.Set(x, y, color8(r>>8, g>>8, b>>8, al>>8, goldenChannel))
		}
	}
	for x := 10; x < 40; x++ {
		changed.Set(x, 10, color8(0, 0, 0, 255, 0))
	}
	if n, _ := imageDiff(img, near); n != 0 {
		t.Errorf("a picture within the channel tolerance differs in %d pixels", n)
	}
	if n, _ := imageDiff(img, changed); n <= goldenMaxPixels {
		t.Errorf("a picture with a changed line differs in only %d pixels: the test would pass it", n)
	}
}

// color8 is an 8-bit colour moved by d (towards the middle, so it stays in range).
func color8(r, g, b, a uint32, d uint32) color.NRGBA {
	move := func(v uint32) uint8 {
		if v >= 128 {
			return uint8(v - d)
		}
		return uint8(v + d)
	}
	return color.NRGBA{move(r), move(g), move(b), uint8(a)}
}
