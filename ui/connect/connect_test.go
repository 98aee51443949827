package connect

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"jiayuan/data"
	"jiayuan/ui/internal/uitest"
	"jiayuan/ui/widgets"
)

func init() {
	widgets.Inline = true
	Keychain = &fakeKeychain{} // never the machine's own keychain
}

// fakeKeychain is a keychain in memory; none (no keychain here) when nil map.
type fakeKeychain struct{ m map[string]string }

func (k *fakeKeychain) Get(key string) (string, error) {
	if pw, ok := k.m[key]; ok {
		return pw, nil
	}
	return "", errors.New("not found")
}

func (k *fakeKeychain) Set(key, pw string) error {
	if k.m == nil {
		return errors.New("no keychain")
	}
	k.m[key] = pw
	return nil
}

func (k *fakeKeychain) Delete(key string) error { delete(k.m, key); return nil }

// A typed password that connects is kept in the keychain (never in the
// saved choice), and the next start connects with it without asking; one the
// server refuses is forgotten and the password asked again.
func TestStartKeepsThePasswordInTheKeychain(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	conn := data.Connection{Kind: data.ConnServer, Host: "db.office.local", Database: "jiayuan", User: "wangfang"}
	if err := data.SaveConnection(conn); err != nil {
		t.Fatal(err)
	}
	kc := &fakeKeychain{m: map[string]string{}}
	Keychain = kc
	defer func() { Keychain = &fakeKeychain{} }()
	w := newWindow(t)
	pr := newStart(t, w)
	pr.openWith = func(url string) (*data.Store, error) { return nil, nil }
	pr.s.Begin("")
	test.Type(firstEntry(t, w), "秘密pass")
	uitest.TapButton(t, w, "连接")
	if pr.opened != 1 || kc.m[secretKey(conn)] != "秘密pass" {
		t.Fatalf("opened %d, keychain %v", pr.opened, kc.m)
	}
	saved, _ := os.ReadFile(filepath.Join(os.Getenv("XDG_CONFIG_HOME"), "jiayuan", "connection.json"))
	if len(saved) == 0 || strings.Contains(string(saved), "秘密") {
		t.Fatalf("the saved choice holds the password or is missing: %q", saved)
	}
	// next start: no question
	w2 := newWindow(t)
	pr2 := newStart(t, w2)
	pr2.openWith = func(url string) (*data.Store, error) { return nil, nil }
	pr2.s.Begin("")
	if pr2.opened != 1 || len(pr2.urls) != 1 || !strings.Contains(pr2.urls[0], "秘密pass") && !strings.Contains(pr2.urls[0], "%E7%A7%98") {
		t.Fatalf("second start: opened %d with %v", pr2.opened, pr2.urls)
	}
	// the password changed on the server: refused, forgotten, asked
	w3 := newWindow(t)
	pr3 := newStart(t, w3)
	pr3.openWith = func(url string) (*data.Store, error) {
		return nil, &data.ServerError{Server: "db.office.local/jiayuan", Reason: "用户名或密码不对，服务器拒绝登录"}
	}
	pr3.s.Begin("")
	if _, kept := kc.m[secretKey(conn)]; kept {
		t.Error("a refused password stayed in the keychain")
	}
	uitest.TapButton(t, w3, "重试")
	if !uitest.ShowsText(w3, "服务器账号的密码（没有密码可留空）") {
		t.Errorf("重试 after a refused stored password does not ask: %v", uitest.ShownTexts(w3))
	}
}

func newWindow(t *testing.T) fyne.Window {
	t.Helper()
	w := test.NewTempApp(t).NewWindow("家园")
	w.Resize(fyne.NewSize(800, 600))
	return w
}

func TestPanelRemembersTheServerWithoutPassword(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	w := newWindow(t)
	var status string
	p := NewPanel("/home/clerk/.local/share/jiayuan", func(f string, args ...any) { status = f })
	w.SetContent(p.Content())
	if !uitest.ShowsText(w, "现在使用的数据：/home/clerk/.local/share/jiayuan") {
		t.Error("the tab does not say where the data is now")
	}
	host := uitest.Field[*widget.Entry](t, p.form, "Host")
	if !host.Disabled() {
		t.Error("the server's fields are open while the local folder is chosen")
	}
	uitest.Field[*widget.Select](t, p.form, "Kind").SetSelected(ServerLabel)
	if host.Disabled() {
		t.Fatal("choosing the server left its fields closed")
	}
	p.Save()
	if c, _ := data.LoadConnection(); c.IsServer() {
		t.Fatal("a server without address was remembered")
	}
	if p.form.Message("Host") == "" || p.form.Message("User") == "" {
		t.Errorf("no message under 服务器地址 / 用户名: %q %q", p.form.Message("Host"), p.form.Message("User"))
	}
	host.SetText("192.168.1.20")
	uitest.Field[*widget.Entry](t, p.form, "Database").SetText("jiayuan")
	uitest.Field[*widget.Entry](t, p.form, "User").SetText("wangfang")
	uitest.Field[*widget.Select](t, p.form, "SSLMode").SetSelected("require")
	p.Save()
	c, err := data.LoadConnection()
	want := data.Connection{Kind: data.ConnServer, Host: "192.168.1.20", Database: "jiayuan", User: "wangfang", SSLMode: "require"}
	if err != nil || c != want {
		t.Fatalf("remembered %+v, %v; want %+v", c, err, want)
	}
	if !strings.Contains(status, "下次启动时连接办公室服务器") {
		t.Errorf("status %q", status)
	}

	// and back to the folder
	p = NewPanel("办公室服务器 192.168.1.20:5432/jiayuan", func(f string, args ...any) { status = f })
	w.SetContent(p.Content())
	if uitest.Field[*widget.Entry](t, p.form, "Host").Text != "192.168.1.20" {
		t.Error("the tab does not show the server remembered")
	}
	uitest.Field[*widget.Select](t, p.form, "Kind").SetSelected(FolderLabel)
	p.Save()
	if c, _ := data.LoadConnection(); c.IsServer() {
		t.Error("choosing the local folder was not remembered")
	}
}

// start is a start window whose connections fail with openErr until it is
// cleared; it counts the attempts and what the clerk chose.
type startProbe struct {
	s        *Start
	urls     []string
	opened   int
	local    int
	openErr  error
	openWith func(url string) (*data.Store, error)
}

func newStart(t *testing.T, w fyne.Window) *startProbe {
	pr := &startProbe{}
	pr.s = &Start{Win: w,
		Open: func(url string) (*data.Store, error) {
			pr.urls = append(pr.urls, url)
			return pr.openWith(url)
		},
		OnOpen:  func(*data.Store) { pr.opened++ },
		OnLocal: func() { pr.local++ },
	}
	return pr
}

func TestStartAsksThePasswordAndExplainsARefusedServer(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	if err := data.SaveConnection(data.Connection{Kind: data.ConnServer, Host: "127.0.0.1", Port: 1, Database: "jiayuan", User: "wangfang"}); err != nil {
		t.Fatal(err)
	}
	w := newWindow(t)
	cache := filepath.Join(t.TempDir(), "server-cache")
	pr := newStart(t, w)
	pr.openWith = func(url string) (*data.Store, error) { return data.OpenServer(url, cache) } // nothing listens on port 1
	pr.s.Begin("")
	if !uitest.ShowsText(w, "127.0.0.1:1/jiayuan（用户 wangfang）") {
		t.Fatalf("the password window does not name the server: %v", uitest.ShownTexts(w))
	}
	test.Type(firstEntry(t, w), "秘密 pass")
	uitest.TapButton(t, w, "连接")
	if len(pr.urls) != 1 || !strings.Contains(pr.urls[0], "wangfang:") || !strings.Contains(pr.urls[0], "127.0.0.1:1/jiayuan") {
		t.Fatalf("connected to %v", pr.urls)
	}
	if !uitest.ShowsText(w, "无法使用办公室服务器 127.0.0.1:1/jiayuan") || uitest.ShowsText(w, "秘密") {
		t.Errorf("the failure shown: %v", uitest.ShownTexts(w))
	}
	if _, err := os.Stat(cache); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused server left %s behind (%v)", cache, err)
	}
	uitest.TapButton(t, w, "重试") // back to the password
	uitest.TapButton(t, w, "连接")
	if len(pr.urls) != 2 {
		t.Errorf("重试 then 连接 tried %d times", len(pr.urls))
	}
	uitest.TapButton(t, w, "改用本机数据文件夹")
	if pr.local != 1 || pr.opened != 0 {
		t.Errorf("改用本机数据文件夹: local %d, opened %d", pr.local, pr.opened)
	}
}

func TestStartOnAnAddressRetriesAndOpens(t *testing.T) {
	w := newWindow(t)
	pr := newStart(t, w)
	fail := true
	pr.openWith = func(url string) (*data.Store, error) {
		if fail {
			return nil, &data.ServerError{Server: "db.office.local/jiayuan", Reason: "连接不上服务器"}
		}
		return nil, nil
	}
	pr.s.Begin("postgres://wangfang@db.office.local/jiayuan")
	for _, want := range []string{"连接不上服务器", "重试", "改用本机数据文件夹"} {
		if !uitest.ShowsText(w, want) {
			t.Errorf("the failure does not show %q", want)
		}
	}
	fail = false
	uitest.TapButton(t, w, "重试")
	if len(pr.urls) != 2 || pr.opened != 1 || pr.local != 0 {
		t.Errorf("重试: tried %d, opened %d, local %d", len(pr.urls), pr.opened, pr.local)
	}
}

// firstEntry is the first entry in the window.
func firstEntry(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	var found *widget.Entry
	uitest.Walk(w.Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && found == nil {
			found = e
		}
	})
	if found == nil {
		t.Fatal("no entry in the window")
	}
	return found
}
