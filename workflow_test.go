package main

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// The CI workflow for native runners (.github/workflows) cannot run on the
// project's machines; these tests check what can be checked here: actionlint
// (a Go tool dependency in go.mod) finds nothing in it, and the Mac bundle's
// Info.plist is a well-formed plist that declares the .jyx and .jyb documents.

// goTool is the go command that runs this test (the Makefile puts it on PATH).
func goTool(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("no go command on PATH or in %s", p)
	}
	return p
}

// actionlint runs `go tool actionlint` on files and returns its exit status and
// output. Shellcheck and pyflakes are off: actionlint would use them only when
// installed, so the result would depend on the machine.
func actionlint(t *testing.T, files ...string) (int, string) {
	t.Helper()
	args := append([]string{"tool", "actionlint", "-no-color", "-oneline", "-shellcheck=", "-pyflakes="}, files...)
	cmd := exec.Command(goTool(t), args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	}
	t.Fatalf("go tool actionlint: %v\n%s", err, out.String())
	return 0, ""
}

func workflowFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.yml", "*.yaml"} {
		m, err := filepath.Glob(filepath.Join(".github", "workflows", pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	return files
}

func TestWorkflowsPassActionlint(t *testing.T) {
	files := workflowFiles(t)
	if len(files) == 0 {
		t.Fatal("no workflow in .github/workflows")
	}
	code, out := actionlint(t, files...)
	if code != 0 || strings.TrimSpace(out) != "" {
		t.Errorf("actionlint %v: exit %d\n%s", files, code, out)
	}
}

// TestActionlintCatchesMistakes: the check above fails on a broken workflow
// (an expression naming a context that does not exist, a job needing one that
// is not there), so a passing run means something.
func TestActionlintCatchesMistakes(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yml")
	err := os.WriteFile(bad, []byte(`name: broken
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    needs: [missing]
    steps:
      - run: echo "${{ github.no_such_field }} ${{ matrix.os }}"
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	code, out := actionlint(t, bad)
	if code == 0 {
		t.Fatalf("actionlint passed a broken workflow:\n%s", out)
	}
	for _, want := range []string{"bad.yml:4:", `needs job "missing"`, "bad.yml:8:", "no_such_field"} {
		if !strings.Contains(out, want) {
			t.Errorf("actionlint's findings do not mention %q:\n%s", want, out)
		}
	}
}

// The jobs README.md promises: Linux, Windows and macOS runners, and the Mac
// one builds and checks the bundle with the scripts under packaging/darwin, the
// Windows one the installer with those under packaging/windows.
func TestWorkflowCoversThreeSystems(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(".github", "workflows", "ci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	ci := string(raw)
	for _, want := range []string{"runs-on: ubuntu-", "runs-on: windows-", "runs-on: macos-",
		"make test", "sh packaging/darwin/build.sh", "sh packaging/darwin/check.sh",
		"sh packaging/windows/build.sh", "sh packaging/windows/test-native.sh", "actions/upload-artifact"} {
		if !strings.Contains(ci, want) {
			t.Errorf("ci.yml has no %q", want)
		}
	}
	for _, script := range []string{"darwin/build.sh", "darwin/check.sh", "windows/build.sh", "windows/test-native.sh"} {
		if _, err := os.Stat(filepath.Join("packaging", filepath.FromSlash(script))); err != nil {
			t.Error(err)
		}
	}
}

// plistValue decodes the next value of an XML property list: string, integer,
// real, true/false, date, data, array ([]any) or dict (map[string]any).
func plistValue(d *xml.Decoder, start xml.StartElement) (any, error) {
	switch start.Name.Local {
	case "string", "integer", "real", "date", "data":
		var s string
		if err := d.DecodeElement(&s, &start); err != nil {
			return nil, err
		}
		if start.Name.Local == "integer" {
			if _, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err != nil {
				return nil, fmt.Errorf("<integer>%s</integer>: %v", s, err)
			}
		}
		return s, nil
	case "true", "false":
		if err := d.Skip(); err != nil {
			return nil, err
		}
		return start.Name.Local == "true", nil
	case "array":
		var list []any
		for {
			el, end, err := nextElement(d)
			if err != nil {
				return nil, err
			}
			if end {
				return list, nil
			}
			v, err := plistValue(d, el)
			if err != nil {
				return nil, err
			}
			list = append(list, v)
		}
	case "dict":
		dict := map[string]any{}
		for {
			el, end, err := nextElement(d)
			if err != nil {
				return nil, err
			}
			if end {
				return dict, nil
			}
			if el.Name.Local != "key" {
				return nil, fmt.Errorf("<%s> where a <key> belongs in a <dict>", el.Name.Local)
			}
			var key string
			if err := d.DecodeElement(&key, &el); err != nil {
				return nil, err
			}
			if _, dup := dict[key]; dup {
				return nil, fmt.Errorf("key %s twice", key)
			}
			vel, end, err := nextElement(d)
			if err != nil {
				return nil, err
			}
			if end {
				return nil, fmt.Errorf("key %s has no value", key)
			}
			if dict[key], err = plistValue(d, vel); err != nil {
				return nil, fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	return nil, fmt.Errorf("<%s> is not a plist element", start.Name.Local)
}

// nextElement skips whitespace and comments to the next start element, or
// reports the end of the enclosing one. Text between elements is an error.
func nextElement(d *xml.Decoder) (xml.StartElement, bool, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, false, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			return tok, false, nil
		case xml.EndElement:
			return xml.StartElement{}, true, nil
		case xml.CharData:
			if s := strings.TrimSpace(string(tok)); s != "" {
				return xml.StartElement{}, false, fmt.Errorf("stray text %q", s)
			}
		}
	}
}

// readPlist parses a whole XML property list: <plist version="1.0"> with one value.
func readPlist(r io.Reader) (any, error) {
	d := xml.NewDecoder(r)
	d.Strict = true
	root, _, err := nextElement(d)
	if err != nil {
		return nil, err
	}
	if root.Name.Local != "plist" {
		return nil, fmt.Errorf("root element <%s>, not <plist>", root.Name.Local)
	}
	el, end, err := nextElement(d)
	if err != nil || end {
		return nil, fmt.Errorf("empty <plist>: %v", err)
	}
	v, err := plistValue(d, el)
	if err != nil {
		return nil, err
	}
	if _, end, err := nextElement(d); err != nil || !end {
		return nil, fmt.Errorf("more than one value in <plist>: %v", err)
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return v, nil
		}
		if err != nil {
			return nil, err
		}
		if _, ok := tok.(xml.StartElement); ok {
			return nil, errors.New("content after </plist>")
		}
	}
}

func TestInfoPlistDeclaresDocuments(t *testing.T) {
	f, err := os.Open(filepath.Join("packaging", "darwin", "Info.plist"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	v, err := readPlist(f)
	if err != nil {
		t.Fatalf("Info.plist: %v", err)
	}
	top, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("Info.plist holds a %T, not a dict", v)
	}
	var app struct{ Details struct{ ID string } }
	if _, err := toml.DecodeFile("FyneApp.toml", &app); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"CFBundleDisplayName": "家园", "CFBundleName": "家园", "CFBundleExecutable": "jiayuan",
		"CFBundleIdentifier": app.Details.ID, "CFBundlePackageType": "APPL", "CFBundleIconFile": "jiayuan",
		"CFBundleShortVersionString": "@VERSION@", "CFBundleVersion": "@BUILD@",
	} {
		if top[key] != want {
			t.Errorf("%s = %v, want %q", key, top[key], want)
		}
	}

	// each extension is exported as a UTI, and the app is a document type's owner of it
	utiOf := map[string]string{}
	exported, _ := top["UTExportedTypeDeclarations"].([]any)
	for _, e := range exported {
		decl, _ := e.(map[string]any)
		tags, _ := decl["UTTypeTagSpecification"].(map[string]any)
		exts, _ := tags["public.filename-extension"].([]any)
		for _, ext := range exts {
			if s, ok := ext.(string); ok {
				utiOf[s], _ = decl["UTTypeIdentifier"].(string)
			}
		}
	}
	owned := map[string]bool{}
	docs, _ := top["CFBundleDocumentTypes"].([]any)
	for _, e := range docs {
		doc, _ := e.(map[string]any)
		if name, _ := doc["CFBundleTypeName"].(string); !strings.HasPrefix(name, "家园") {
			t.Errorf("document type named %q, not a Chinese 家园… name", name)
		}
		types, _ := doc["LSItemContentTypes"].([]any)
		for _, ty := range types {
			if s, ok := ty.(string); ok && doc["LSHandlerRank"] == "Owner" {
				owned[s] = true
			}
		}
	}
	for _, ext := range []string{"jyx", "jyb"} {
		uti := utiOf[ext]
		switch {
		case uti == "":
			t.Errorf("no UTExportedTypeDeclarations entry for .%s", ext)
		case !owned[uti]:
			t.Errorf(".%s (%s) is in no CFBundleDocumentTypes entry with LSHandlerRank Owner", ext, uti)
		}
	}
}

// The plist reader refuses what macOS would refuse, so the test above means something.
func TestReadPlistRefusesBrokenLists(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0">`
	for name, doc := range map[string]string{
		"unclosed":       head + `<dict><key>A</key><string>x</string></plist>`,
		"key no value":   head + `<dict><key>A</key></dict></plist>`,
		"value no key":   head + `<dict><string>x</string></dict></plist>`,
		"duplicate key":  head + `<dict><key>A</key><true/><key>A</key><false/></dict></plist>`,
		"bad integer":    head + `<dict><key>A</key><integer>one</integer></dict></plist>`,
		"unknown":        head + `<dict><key>A</key><str>x</str></dict></plist>`,
		"not a plist":    `<dict></dict>`,
		"bare ampersand": head + `<dict><key>A&B</key><true/></dict></plist>`,
	} {
		if _, err := readPlist(strings.NewReader(doc)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	v, err := readPlist(strings.NewReader(head + `<dict><key>A</key><array><string>x</string><integer>2</integer></array></dict></plist>`))
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := v.(map[string]any)["A"].([]any); len(a) != 2 || a[0] != "x" {
		t.Errorf("read %#v", v)
	}
}
