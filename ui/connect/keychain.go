package connect

import (
	"github.com/zalando/go-keyring"

	"jiayuan/data"
)

// Secrets keeps server passwords: the operating system's keychain (Windows
// 凭据管理器, the macOS 钥匙串, the Secret Service of a Linux desktop). Where
// there is none, Get and Set fail and the start window asks every time;
// nothing is ever written to a file in plain text.
type Secrets interface {
	Get(key string) (string, error)
	Set(key, password string) error
	Delete(key string) error
}

// Keychain is the store of passwords the start window uses (tests replace it).
var Keychain Secrets = osKeychain{}

const keychainService = "家园办公室服务器"

type osKeychain struct{}

func (osKeychain) Get(key string) (string, error) { return keyring.Get(keychainService, key) }
func (osKeychain) Set(key, pw string) error       { return keyring.Set(keychainService, key, pw) }
func (osKeychain) Delete(key string) error        { return keyring.Delete(keychainService, key) }

// secretKey names a connection's password in the keychain: its address
// without the password, with the user.
func secretKey(c data.Connection) string { return c.User + "@" + data.RedactURL(c.URL("")) }
