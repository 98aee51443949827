package data

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Accounts on the office server: each clerk logs in as a PostgreSQL login
// role that is a member of one of three group roles, and the server's
// grants decide what the account may change, whatever client it uses.
//
//	查看 jiayuan_view   reads everything, changes nothing
//	录入 jiayuan_entry  also records, nominations, attachments, scores, objections
//	管理 jiayuan_admin  everything: rounds' decisive steps, settings, restore,
//	                    accounts (its accounts have CREATEROLE)

// Role is what an account may do.
type Role string

const (
	RoleView  Role = "查看"
	RoleEntry Role = "录入"
	RoleAdmin Role = "管理"
)

// Roles lists the roles, least first.
var Roles = []Role{RoleView, RoleEntry, RoleAdmin}

var groupOf = map[Role]string{RoleView: "jiayuan_view", RoleEntry: "jiayuan_entry", RoleAdmin: "jiayuan_admin"}

// ParseRole reads a role's Chinese name (or its group role's name).
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if s == string(r) || s == groupOf[r] {
			return r, nil
		}
	}
	return "", fmt.Errorf("没有“%s”这种权限，应为 查看、录入 或 管理", s)
}

// entryTables are the tables a 录入 account writes: the records, the
// nominations with their versions, snapshots and attachments, the panel's
// score sheets and recusals, objections, what the exchange keeps, and the
// audit rows of all that.
var entryTables = []string{
	"communities", "compounds", "orgs", "nominations", "nomination_versions", "nomination_snapshots",
	"attachments", "attachment_files", "score_sheets", "conflicts", "conflict_decisions", "objections",
	"exchange_base", "exchange_alias", "exchange_seen", "received_feedback", "audit",
}

// Account is a login on the office server.
type Account struct {
	Name    string `db:"name"`
	Role    Role   `db:"role"`
	Enabled bool   `db:"enabled"`
}

// ServerInit prepares the office database for Jiayuan, connected as an
// administrator of the server (the database's owner with CREATEROLE, or a
// superuser): the schema, the three group roles and their grants, and the
// first 管理 account. It is safe to run again (it then only brings grants up
// to date and refuses an existing account name). It returns what it did.
func ServerInit(adminURL, first, password string) ([]string, error) {
	if err := checkAccountName(first); err != nil {
		return nil, err
	}
	if password == "" {
		return nil, errors.New("第一个管理账号需要密码")
	}
	st, err := OpenServer(adminURL, "")
	if err != nil {
		return nil, err
	}
	defer st.Close()
	did := []string{fmt.Sprintf("数据库 %s 的表结构已是第 %d 版", st.server, SchemaVersion())}
	steps, err := st.grantAll()
	if err != nil {
		return did, err
	}
	did = append(did, steps...)
	if err := st.AddAccount(first, RoleAdmin, password); err != nil {
		return did, err
	}
	return append(did, fmt.Sprintf("已建立管理账号“%s”", first)), nil
}

// grantAll creates the group roles when missing and (re)grants their rights.
func (s *Store) grantAll() ([]string, error) {
	var did []string
	for _, r := range Roles {
		g := groupOf[r]
		var n int
		if err := s.db.DB.Get(&n, `SELECT COUNT(*) FROM pg_roles WHERE rolname = $1`, g); err != nil {
			return did, err
		}
		if n == 0 {
			if _, err := s.db.DB.Exec(`CREATE ROLE ` + g + ` NOLOGIN`); err != nil {
				return did, fmt.Errorf("无法建立角色 %s：%s", g, explainServer(err))
			}
			did = append(did, fmt.Sprintf("已建立角色 %s（%s）", g, r))
		}
	}
	tables := append(append([]string(nil), dataTables...), "jiayuan_schema")
	stmts := []string{
		`GRANT USAGE ON SCHEMA public TO jiayuan_view, jiayuan_entry, jiayuan_admin`,
		`GRANT SELECT ON ` + strings.Join(tables, ", ") + ` TO jiayuan_view, jiayuan_entry`,
		`GRANT INSERT, UPDATE, DELETE ON ` + strings.Join(entryTables, ", ") + ` TO jiayuan_entry`,
		`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO jiayuan_entry, jiayuan_admin`,
		`GRANT CREATE ON SCHEMA public TO jiayuan_admin`,
	}
	// 管理 owns the tables, so an admin's newer program can migrate them.
	for _, t := range tables {
		stmts = append(stmts, `ALTER TABLE `+t+` OWNER TO jiayuan_admin`)
	}
	for _, q := range stmts {
		if _, err := s.db.DB.Exec(q); err != nil {
			return did, fmt.Errorf("无法设置权限（%s）：%s", q, explainServer(err))
		}
	}
	return append(did, "已设置权限：查看只读；录入可改记录、申报、附件、评分、异议；管理可做一切，并拥有各表"), nil
}

func checkAccountName(name string) error {
	if name == "" || len(name) > 60 || strings.ContainsAny(name, "\x00\"") || strings.HasPrefix(name, "pg_") || strings.HasPrefix(name, "jiayuan_") {
		return fmt.Errorf("账号名“%s”不能用：不能为空、过长，不能含双引号，不能以 pg_ 或 jiayuan_ 开头", Excerpt(name))
	}
	return nil
}

// AddAccount creates a login with role r (server only; the store's own
// account must be 管理).
func (s *Store) AddAccount(name string, r Role, password string) error {
	if !s.IsServer() {
		return errors.New("账号只在办公室服务器上使用；本机数据文件夹没有账号")
	}
	if err := checkAccountName(name); err != nil {
		return err
	}
	if password == "" {
		return fmt.Errorf("账号“%s”需要密码", name)
	}
	g, ok := groupOf[r]
	if !ok {
		return fmt.Errorf("没有“%s”这种权限", r)
	}
	var exists int
	if err := s.db.DB.Get(&exists, `SELECT COUNT(*) FROM pg_roles WHERE rolname = $1`, name); err != nil {
		return err
	}
	if exists > 0 {
		return fmt.Errorf("账号“%s”已经存在", name)
	}
	attrs := "LOGIN"
	if r == RoleAdmin {
		attrs += " CREATEROLE"
	}
	var create string
	if err := s.db.DB.Get(&create, `SELECT format('CREATE ROLE %I `+attrs+` PASSWORD %L IN ROLE `+g+`', $1::text, $2::text)`, name, password); err != nil {
		return err
	}
	if _, err := s.db.DB.Exec(create); err != nil {
		return fmt.Errorf("无法建立账号“%s”：%s", name, explainServer(err))
	}
	if r == RoleAdmin { // so it can add accounts itself (PostgreSQL 16 asks for ADMIN OPTION)
		var grant string
		s.db.DB.Get(&grant, `SELECT format('GRANT jiayuan_view, jiayuan_entry, jiayuan_admin TO %I WITH ADMIN OPTION', $1::text)`, name)
		s.db.DB.Exec(grant) // refused on 15 by a non-superuser, where CREATEROLE already suffices
	}
	return s.Write(func(tx *Tx) error {
		return tx.Audit("account", 0, "", name, ActionCreate, "", []Change{{Field: "Role", Label: "权限", New: string(r)}})
	})
}

// Accounts lists the server's accounts and their roles.
func (s *Store) Accounts() ([]Account, error) {
	if !s.IsServer() {
		return nil, errors.New("账号只在办公室服务器上使用；本机数据文件夹没有账号")
	}
	var rows []struct {
		Name  string `db:"name"`
		Group string `db:"grp"`
		Login bool   `db:"login"`
	}
	err := s.db.DB.Select(&rows, `SELECT r.rolname AS name, g.rolname AS grp, r.rolcanlogin AS login
		FROM pg_roles r JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid
		WHERE g.rolname IN ('jiayuan_view', 'jiayuan_entry', 'jiayuan_admin') ORDER BY r.rolname`)
	if err != nil {
		return nil, err
	}
	best := map[string]Account{}
	var order []string
	for _, r := range rows {
		role, _ := ParseRole(r.Group)
		a, seen := best[r.Name]
		if !seen {
			order = append(order, r.Name)
		}
		if !seen || rank(role) > rank(a.Role) {
			best[r.Name] = Account{Name: r.Name, Role: role, Enabled: r.Login}
		}
	}
	out := make([]Account, 0, len(order))
	for _, n := range order {
		out = append(out, best[n])
	}
	return out, nil
}

func rank(r Role) int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// DisableAccount stops an account from logging in; its changes stay in
// the audit trail under its name.
func (s *Store) DisableAccount(name string) error {
	if !s.IsServer() {
		return errors.New("账号只在办公室服务器上使用；本机数据文件夹没有账号")
	}
	accts, err := s.Accounts()
	if err != nil {
		return err
	}
	found := false
	for _, a := range accts {
		found = found || a.Name == name
	}
	if !found {
		return fmt.Errorf("没有账号“%s”", name)
	}
	var q string
	if err := s.db.DB.Get(&q, `SELECT format('ALTER ROLE %I NOLOGIN', $1::text)`, name); err != nil {
		return err
	}
	if _, err := s.db.DB.Exec(q); err != nil {
		return fmt.Errorf("无法停用账号“%s”：%s", name, explainServer(err))
	}
	return s.Write(func(tx *Tx) error {
		return tx.Audit("account", 0, "", name, ActionUpdate, "停用账号", nil)
	})
}

// Account is the login the store is connected as ("" in a data folder).
func (s *Store) Account() string {
	if !s.IsServer() {
		return ""
	}
	s.accountOnce.Do(func() { s.db.DB.Get(&s.account, `SELECT current_user`) })
	return s.account
}

// ErrDenied is the server refusing a change the account has no right to make.
var ErrDenied = errors.New("这个账号没有权限做这件事：查看账号不能修改数据，录入账号不能做评选的决定性步骤、改设置或恢复备份；请找管理账号办理。这次修改没有保存")

// denied is ErrDenied when err is the server's permission refusal, else nil.
func denied(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" {
		return fmt.Errorf("%w（%s）", ErrDenied, pe.TableName)
	}
	return nil
}
