package data

import (
	"database/sql"
	"errors"
	"strings"
	"testing"
)

func needCluster(t *testing.T) {
	t.Helper()
	if pgCluster == nil {
		t.Skip("需要 PostgreSQL：JIAYUAN_TEST_STORE=postgres（make test 会这样跑一遍）")
	}
}

// server init makes the schema, the roles and a first 管理 account; a 查看
// account's INSERT through a plain SQL connection is refused by the server;
// a 录入 account saves records (the audit trail names it) but not settings;
// a disabled account cannot log in.
func TestAccountsEnforcedByServer(t *testing.T) {
	needCluster(t)
	db, err := pgCluster.NewDatabase()
	if err != nil {
		t.Fatal(err)
	}
	did, err := ServerInit(pgCluster.URL(db, ""), "管理员甲", "pw-admin")
	if err != nil {
		t.Fatal(err)
	}
	if len(did) < 3 || !strings.Contains(strings.Join(did, "\n"), "管理员甲") {
		t.Fatalf("server init said %q", did)
	}
	admin, err := OpenServer(pgCluster.URL(db, "管理员甲"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	admin.Operator = "甲"
	for name, r := range map[string]Role{"张三": RoleView, "李四": RoleEntry} {
		if err := admin.AddAccount(name, r, "pw"); err != nil {
			t.Fatalf("add %s: %v", name, err)
		}
	}
	if err := admin.AddAccount("张三", RoleView, "pw"); err == nil {
		t.Fatal("an existing account added twice")
	}
	if err := admin.AddAccount(`x"; DROP ROLE postgres; --`, RoleView, "pw"); err == nil {
		t.Fatal("a name with a double quote accepted")
	}
	if _, err := ServerInit(pgCluster.URL(db, ""), "管理员甲", "pw"); err == nil {
		t.Fatal("server init again over an existing first account")
	}
	accts, err := admin.Accounts()
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]Role{}
	for _, a := range accts {
		roles[a.Name] = a.Role
	}
	if roles["管理员甲"] != RoleAdmin || roles["张三"] != RoleView || roles["李四"] != RoleEntry {
		t.Fatalf("accounts %+v", accts)
	}

	// 查看 through a plain SQL connection: reads, cannot write.
	raw, err := sql.Open("pgx", pgCluster.URL(db, "张三"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var n int
	if err := raw.QueryRow(`SELECT COUNT(*) FROM communities`).Scan(&n); err != nil {
		t.Fatalf("read-only account cannot read: %v", err)
	}
	_, err = raw.Exec(`INSERT INTO communities (uuid, name, created_at, updated_at) VALUES ('u', '偷偷加的', 'x', 'x')`)
	if err == nil || !strings.Contains(err.Error(), "42501") {
		t.Fatalf("read-only INSERT: %v", err)
	}

	// 查看 through the program: opens, and a save is refused in Chinese.
	viewer, err := OpenServer(pgCluster.URL(db, "张三"), t.TempDir())
	if err != nil {
		t.Fatalf("read-only account cannot open: %v", err)
	}
	defer viewer.Close()
	c := Community{Name: "滨江社区"}
	if err := viewer.SaveCommunity(&c); !errors.Is(err, ErrDenied) {
		t.Fatalf("read-only save: %v", err)
	}

	// 录入: records yes, with its account in the audit trail; settings no.
	clerk, err := OpenServer(pgCluster.URL(db, "李四"), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer clerk.Close()
	clerk.Operator = "李四"
	if clerk.Account() != "李四" {
		t.Errorf("Account() = %q, want 李四", clerk.Account())
	}
	c = Community{Name: "滨江社区"}
	if err := clerk.SaveCommunity(&c); err != nil {
		t.Fatalf("entry account save: %v", err)
	}
	var account string
	if err := admin.db.Get(&account, `SELECT account FROM audit WHERE entity = ? AND entity_id = ?`, EntityCommunity, c.ID); err != nil || account != "李四" {
		t.Fatalf("audit account = %q, %v", account, err)
	}
	if err := clerk.SaveSettings(Settings{OfficeName: "改名街道", Role: RoleOffice}); !errors.Is(err, ErrDenied) {
		t.Fatalf("entry account changed the settings: %v", err)
	}

	// A server one step behind: 录入 is told to ask 管理, who upgrades it by connecting.
	if _, err := admin.db.Exec(`ALTER TABLE audit DROP COLUMN account`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.db.Exec(`UPDATE jiayuan_schema SET version = ?`, SchemaVersion()-1); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenServer(pgCluster.URL(db, "李四"), t.TempDir()); err == nil || !strings.Contains(err.Error(), "管理账号") {
		t.Fatalf("older schema opened by 录入: %v", err)
	}
	up, err := OpenServer(pgCluster.URL(db, "管理员甲"), t.TempDir())
	if err != nil {
		t.Fatalf("管理 upgrading: %v", err)
	}
	up.Close()
	if _, err := OpenServer(pgCluster.URL(db, "李四"), t.TempDir()); err != nil {
		t.Fatalf("录入 after the upgrade: %v", err)
	}

	if err := admin.DisableAccount("张三"); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenServer(pgCluster.URL(db, "张三"), t.TempDir()); err == nil {
		t.Fatal("a disabled account logged in")
	} else if se := (*ServerError)(nil); !errors.As(err, &se) {
		t.Fatalf("disabled login: %v", err)
	}
}

// A wrong database, an unknown login, no server at the address, or a
// schema newer than the program: a Chinese message, and nothing written.
func TestServerRefusalsAreExplained(t *testing.T) {
	needCluster(t)
	cases := map[string]string{
		pgCluster.URL("no_such_db", ""):                                  "没有这个数据库",
		"postgres:///x?host=/nonexistent-jiayuan&user=a&sslmode=disable": "找不到服务器",
		"postgres://[::1]:1/x?sslmode=disable&connect_timeout=3":         "拒绝连接",
		"postgres://%zz": "地址格式不对",
	}
	for url, want := range cases {
		_, err := OpenServer(url, "")
		var se *ServerError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "本机数据文件夹") {
			t.Errorf("%s: err = %v, want ServerError with %q", url, err, want)
		}
	}
	db, _ := pgCluster.NewDatabase()
	st, err := OpenServer(pgCluster.URL(db, ""), "")
	if err != nil {
		t.Fatal(err)
	}
	st.db.Exec(`UPDATE jiayuan_schema SET version = 99`)
	before, _ := st.Fingerprint()
	st.Close()
	if _, err := OpenServer(pgCluster.URL(db, ""), ""); !errors.Is(err, ErrTooNew) {
		t.Fatalf("newer schema: %v", err)
	}
	st2, _ := openRaw(t, pgCluster.URL(db, ""))
	after, _ := fingerprint(st2, st2.d)
	if len(before) == 0 || len(after) != len(before) {
		t.Fatalf("fingerprints %d / %d", len(before), len(after))
	}
	for i := range before {
		if before[i] != after[i] {
			t.Fatalf("table %s changed while refused", before[i].Table)
		}
	}
}

// openRaw is a handle on a server database without migrating it.
func openRaw(t *testing.T, url string) (*dbh, error) {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { db.Close() })
	return &dbh{DB: sqlxNew(db), d: &dialect{pg: true}}, nil
}

// A server database made with a language's collation (as IT may create it)
// still orders and compares text by code point, as the data folder does.
func TestServerTextOrderIsCodePoint(t *testing.T) {
	needCluster(t)
	db, err := pgCluster.NewDatabaseICU("en-US")
	if err != nil {
		t.Skipf("no ICU collation on this server: %v", err)
	}
	st, err := OpenServer(pgCluster.URL(db, ""), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Operator = "测试员"
	for _, n := range []string{"a社区", "B社区", "_社区", "滨江社区", "Z社区"} {
		c := Community{Name: n}
		if err := st.SaveCommunity(&c); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, c := range mustList(t, st) {
		got = append(got, c.Name)
	}
	want := "B社区 Z社区 _社区 a社区 滨江社区"
	if strings.Join(got, " ") != want {
		t.Fatalf("order %v, want %s (code point, as SQLite)", got, want)
	}
}

// The health check on the server reads every table; a table the server
// cannot give is named.
func TestServerDiagnose(t *testing.T) {
	needCluster(t)
	st := openTest(t)
	d, err := st.Diagnose()
	if err != nil || !d.OK() {
		t.Fatalf("sound server: %+v, %v", d, err)
	}
	if _, err := st.db.Exec(`ALTER TABLE holidays RENAME TO holidays_gone`); err != nil {
		t.Fatal(err)
	}
	d, err = st.Diagnose()
	if err != nil || d.OK() || !strings.Contains(strings.Join(d.Messages, ""), "holidays") {
		t.Fatalf("missing table: %+v, %v", d, err)
	}
}
