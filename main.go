// Jiayuan (家园): records, model-community selection rounds, notices and
// certificates for a sub-district office. main only wires: flags, the data
// folder, the store, then either the window or a command-line job.
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"github.com/BurntSushi/toml"

	"jiayuan/assets"
	"jiayuan/data"
	"jiayuan/ui"
	"jiayuan/ui/cli"
	"jiayuan/ui/handoff"
	_ "jiayuan/ui/zhenv" // before Fyne reads the locale
)

//go:embed FyneApp.toml
var fyneAppToml []byte

func main() {
	meta := metadata()
	dir := flag.String("data", "", "数据目录（默认为用户数据目录）")
	operator := flag.String("operator", "", "操作人姓名（记入操作记录）")
	db := flag.String("db", "", "办公室服务器地址 postgres://用户名@主机/数据库（默认用数据目录）")
	flag.Usage = func() { cli.Usage(os.Stderr) }
	flag.Parse()

	version := fmt.Sprintf("%s (%d)", meta.Version, meta.Build)
	file, isFile, err := handoff.FileArg(flag.Args())
	if flag.NArg() > 0 && !isFile {
		os.Exit(cli.RunOn(*db, *dir, *operator, version, flag.Args(), os.Stdout, os.Stderr))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "错误："+err.Error())
		os.Exit(2)
	}
	if !ui.CanOpenWindow(os.Getenv, os.Stderr) || !ui.CanDraw(*dir) {
		os.Exit(1)
	}

	ui.UseChinese()
	app.SetMetadata(meta)
	a := app.NewWithID(meta.ID)
	if *dir == "" {
		d, err := data.DefaultDir()
		if err != nil {
			ui.Fatal(a, err).ShowAndRun()
			return
		}
		*dir = d
	}
	if ui.ServerChosen(*db) { // the office server: no folder lock; the local folder stays the fallback
		w, done := ui.StartOnServer(a, *db, *dir, *operator)
		defer done()
		w.ShowAndRun()
		return
	}
	w, release, handed := ui.OpenLocal(a, *dir, *operator, file)
	if handed {
		return
	}
	defer release()
	w.ShowAndRun()
}

// metadata reads FyneApp.toml, embedded so a plain `go build` knows its version.
func metadata() fyne.AppMetadata {
	var f struct {
		Details struct {
			Name    string
			ID      string
			Version string
			Build   int
		}
	}
	if _, err := toml.Decode(string(fyneAppToml), &f); err != nil {
		panic(fmt.Sprintf("FyneApp.toml: %v", err))
	}
	return fyne.AppMetadata{ID: f.Details.ID, Name: f.Details.Name, Version: f.Details.Version, Build: f.Details.Build,
		Icon: fyne.NewStaticResource(assets.IconName, assets.Icon)}
}
