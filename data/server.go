package data

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver
	"github.com/jmoiron/sqlx"
)

// The office server: the same store on PostgreSQL (13 or newer), for an
// office where several clerks work on the same data from their own PCs.

// IsServerURL reports whether s names a PostgreSQL server rather than a folder.
func IsServerURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// ServerError is a server that cannot be used, explained in Chinese. Nothing
// was written anywhere.
type ServerError struct {
	Server string // host/database, without the password
	Reason string
	Err    error
}

func (e *ServerError) Error() string {
	return fmt.Sprintf("无法使用办公室服务器 %s：%s。没有写入任何数据；可以改用本机数据文件夹继续工作。", e.Server, e.Reason)
}

func (e *ServerError) Unwrap() error { return e.Err }

// RedactURL is the server address without its password.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "（地址无法识别）"
	}
	host := u.Host
	if host == "" {
		host = u.Query().Get("host")
	}
	return host + u.Path
}

// OpenServer opens the office database at rawURL (postgres://user@host/db),
// creating the schema or bringing it up to date. dir is this PC's local
// folder for what stays local (backups written, set-aside notices). A wrong
// address, a refused login, an unreachable server, or a schema newer than
// this program are refused with a *ServerError.
func OpenServer(rawURL, dir string) (*Store, error) {
	who := RedactURL(rawURL)
	if _, err := pgconn.ParseConfig(rawURL); err != nil {
		return nil, &ServerError{Server: who, Reason: "地址格式不对（应为 postgres://用户名@主机/数据库）", Err: err}
	}
	db, err := sqlx.Open("pgx", rawURL)
	if err != nil {
		return nil, &ServerError{Server: who, Reason: "地址格式不对", Err: err}
	}
	db.SetMaxOpenConns(8)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, &ServerError{Server: who, Reason: explainServer(err), Err: err}
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			db.Close()
			return nil, fmt.Errorf("无法创建数据目录 %s：%w", dir, err)
		}
	}
	s := &Store{db: &dbh{DB: db, d: &dialect{pg: true}}, dir: dir, now: time.Now, server: who, url: rawURL}
	if err := s.checkServerVersion(); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(); err != nil {
		db.Close()
		if errors.Is(err, ErrTooNew) {
			return nil, err
		}
		if denied(err) != nil {
			return nil, &ServerError{Server: who, Err: err, Reason: fmt.Sprintf(
				"服务器上的数据是旧版本的，需要升级到第 %d 版；这个账号没有升级的权限，请管理账号用本版程序连接一次（会自动升级）", SchemaVersion())}
		}
		return nil, &ServerError{Server: who, Reason: explainServer(err), Err: err}
	}
	return s, nil
}

// checkServerVersion refuses PostgreSQL older than 13 before anything is
// written (a schema newer than this program is refused by migrate, which
// reads the version before it writes).
func (s *Store) checkServerVersion() error {
	var num int
	if err := s.db.DB.Get(&num, `SELECT current_setting('server_version_num')::int`); err != nil {
		return &ServerError{Server: s.server, Reason: explainServer(err), Err: err}
	}
	if num < 130000 {
		return &ServerError{Server: s.server, Reason: fmt.Sprintf("服务器的 PostgreSQL 版本太旧（%d.%d），需要 13 或更新的版本", num/10000, num%10000)}
	}
	return nil
}

// IsServer reports whether the store is on an office server.
func (s *Store) IsServer() bool { return s.db.d.pg }

// Where names the store for the clerk: the data folder or the server.
func (s *Store) Where() string {
	if s.db.d.pg {
		return "办公室服务器 " + s.server
	}
	return s.dir
}

// explainServer says in Chinese why the server could not be used.
func explainServer(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return "用户名或密码不对，服务器拒绝登录"
		case "3D000":
			return "服务器上没有这个数据库（请技术人员先运行 jiayuan server init）"
		case "42501":
			return "这个账号没有权限做这件事"
		case "53300":
			return "服务器的连接数已满，请稍后再试"
		case "57P03":
			return "服务器正在启动或关闭，请稍后再试"
		}
		return "服务器报告错误（代码 " + pe.Code + "）"
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return "连接超时：服务器没有响应（请检查网络和服务器是否开机）"
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "connection refused"):
		return "服务器拒绝连接（地址或端口不对，或数据库服务没有运行）"
	case strings.Contains(msg, "no such host"), strings.Contains(msg, "lookup "):
		return "找不到这个服务器（主机名不对或网络不通）"
	case strings.Contains(msg, "no such file or directory"):
		return "找不到服务器（地址不对，或数据库服务没有运行）"
	case strings.Contains(msg, "tls"), strings.Contains(msg, "SSL"), strings.Contains(msg, "certificate"):
		return "加密连接（TLS）没有建立，请检查 sslmode 设置和服务器证书"
	case strings.Contains(msg, "password"):
		return "需要密码，或密码不对"
	}
	return "无法连接服务器"
}

// ServerURL is the address the store was opened with, password included,
// for a second connection of this process (tests); never write it anywhere.
func (s *Store) ServerURL() string { return s.url }
