package data

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestConnectionRoundTripWithoutPassword(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	c, err := LoadConnection()
	if err != nil || c.IsServer() {
		t.Fatalf("no file: %+v, %v; want the local folder", c, err)
	}
	want := Connection{Kind: ConnServer, Host: "192.168.1.20", Port: 5433, Database: "jiayuan", User: "wangfang", SSLMode: "require"}
	if err := SaveConnection(want); err != nil {
		t.Fatal(err)
	}
	got, err := LoadConnection()
	if err != nil || got != want {
		t.Fatalf("read back %+v, %v; want %+v", got, err, want)
	}
	path, _ := ConnectionPath()
	b, _ := os.ReadFile(path)
	if strings.Contains(strings.ToLower(string(b)), "password") {
		t.Errorf("the file mentions a password:\n%s", b)
	}
	u := got.URL("p@ss word")
	if !IsServerURL(u) || !strings.Contains(u, "192.168.1.20:5433/jiayuan") || !strings.Contains(u, "sslmode=require") {
		t.Errorf("URL = %s", u)
	}
	if RedactURL(u) != "192.168.1.20:5433/jiayuan" || strings.Contains(RedactURL(u), "ss") {
		t.Errorf("redacted %s", RedactURL(u))
	}
}

func TestConnectionCheckNamesTheField(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	err := SaveConnection(Connection{Kind: ConnServer, Host: "postgres://x/y", SSLMode: "maybe"})
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("err = %v; want a ValidationError", err)
	}
	fields := map[string]bool{}
	for _, f := range ve.Fields {
		fields[f.Field] = true
	}
	for _, f := range []string{"Host", "Database", "User", "SSLMode"} {
		if !fields[f] {
			t.Errorf("no message for %s in %v", f, err)
		}
	}
	if c, _ := LoadConnection(); c.IsServer() {
		t.Error("a refused choice was written")
	}
	if err := SaveConnection(Connection{Kind: ConnFolder}); err != nil {
		t.Fatal(err)
	}
}
