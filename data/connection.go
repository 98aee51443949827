package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Where this PC's window keeps its data: the local data folder (the
// default) or the office server. The choice — never the password — is kept
// in a small JSON file in the user's configuration folder, outside the data
// folder, so it holds whichever store is chosen.

// Kinds of Connection.
const (
	ConnFolder = "folder" // the local data folder
	ConnServer = "server" // the office's PostgreSQL server
)

// TLS modes offered for the office server (libpq's sslmode).
var SSLModes = []string{"disable", "prefer", "require", "verify-full"}

// Connection is the remembered choice of where the data is.
type Connection struct {
	Kind     string `json:"kind"`
	Host     string `json:"host,omitempty"`
	Port     int    `json:"port,omitempty"`
	Database string `json:"database,omitempty"`
	User     string `json:"user,omitempty"`
	SSLMode  string `json:"sslmode,omitempty"`
}

// IsServer reports whether the office server is chosen.
func (c Connection) IsServer() bool { return c.Kind == ConnServer }

// ConnectionPath is the file the choice is kept in.
func ConnectionPath() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到用户配置目录：%w", err)
	}
	return filepath.Join(base, "jiayuan", "connection.json"), nil
}

// LoadConnection reads the choice; a missing file is the local folder.
func LoadConnection() (Connection, error) {
	path, err := ConnectionPath()
	if err != nil {
		return Connection{Kind: ConnFolder}, err
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return Connection{Kind: ConnFolder}, nil
	}
	if err != nil {
		return Connection{Kind: ConnFolder}, fmt.Errorf("无法读取数据存放设置 %s：%w", path, err)
	}
	var c Connection
	if err := json.Unmarshal(b, &c); err != nil {
		return Connection{Kind: ConnFolder}, fmt.Errorf("数据存放设置 %s 无法识别（%v），暂用本机数据文件夹", path, err)
	}
	if c.Kind != ConnServer {
		c.Kind = ConnFolder
	}
	return c, nil
}

// SaveConnection checks and writes the choice (replacing the file whole).
func SaveConnection(c Connection) error {
	if err := c.Check(); err != nil {
		return err
	}
	path, err := ConnectionPath()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("无法创建配置目录：%w", err)
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o600); err != nil {
		return fmt.Errorf("无法保存数据存放设置：%w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("无法保存数据存放设置：%w", err)
	}
	return nil
}

// Check refuses an office server without what connecting needs, naming the field.
func (c Connection) Check() error {
	if c.Kind != ConnServer {
		return nil
	}
	ve := &ValidationError{Record: "数据存放"}
	add := func(field, label, msg string) {
		ve.Fields = append(ve.Fields, FieldError{Field: field, Label: label, Msg: msg})
	}
	if h := strings.TrimSpace(c.Host); h == "" {
		add("Host", "服务器地址", "不能为空（如 192.168.1.20 或 db.office.local）")
	} else if strings.ContainsAny(h, " /?#@") {
		add("Host", "服务器地址", "只填主机名或 IP 地址，不带 postgres:// 和斜杠")
	}
	if c.Port < 0 || c.Port > 65535 {
		add("Port", "端口", "应在 1 到 65535 之间（PostgreSQL 默认 5432）")
	}
	if strings.TrimSpace(c.Database) == "" {
		add("Database", "数据库", "不能为空（如 jiayuan）")
	}
	if strings.TrimSpace(c.User) == "" {
		add("User", "用户名", "不能为空")
	}
	mode := c.SSLMode
	if mode != "" && !contains(SSLModes, mode) {
		add("SSLMode", "加密方式", "应为 "+strings.Join(SSLModes, "、")+" 之一")
	}
	if len(ve.Fields) == 0 {
		return nil
	}
	return ve
}

// URL is the server's address with password (which is never stored).
func (c Connection) URL(password string) string {
	u := url.URL{Scheme: "postgres", Path: "/" + strings.TrimSpace(c.Database)}
	if password != "" {
		u.User = url.UserPassword(strings.TrimSpace(c.User), password)
	} else {
		u.User = url.User(strings.TrimSpace(c.User))
	}
	port := c.Port
	if port == 0 {
		port = 5432
	}
	u.Host = net.JoinHostPort(strings.TrimSpace(c.Host), strconv.Itoa(port))
	mode := c.SSLMode
	if mode == "" {
		mode = "prefer"
	}
	u.RawQuery = url.Values{"sslmode": {mode}}.Encode()
	return u.String()
}
