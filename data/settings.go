package data

import (
	"fmt"
	"reflect"
)

// Roles of an installation.
const (
	RoleOffice    = "office"    // the sub-district office: keeps all records, runs rounds
	RoleCommunity = "community" // one community: keeps its own records, prepares nominations
)

// Settings are the installation's own facts, one row per field in the settings table.
type Settings struct {
	OfficeName    string `key:"office_name" zh:"街道名称"`
	Role          string `key:"role" zh:"使用单位类型"`
	CommunityUUID string `key:"community_uuid" zh:"本社区"`
	Operator      string `key:"operator" zh:"操作人"`
	IssuingUnit   string `key:"issuing_unit" zh:"发文单位"`
	CertIssuer    string `key:"cert_issuer" zh:"证书落款单位"`
	Hotline       string `key:"hotline" zh:"热线电话"`
	Address       string `key:"address" zh:"通讯地址"`
	ContactPerson string `key:"contact_person" zh:"联系人"`
	ContactPhone  string `key:"contact_phone" zh:"联系电话"`
	Demo          string `key:"demo" zh:"演示数据"`
}

// Configured reports whether the first-start questions were answered.
func (s Settings) Configured() bool { return s.Role != "" }

// IsOffice reports whether this copy is the office's.
func (s Settings) IsOffice() bool { return s.Role == RoleOffice }

// RoleLabel is the Chinese name of the role.
func (s Settings) RoleLabel() string {
	switch s.Role {
	case RoleOffice:
		return "街道办事处"
	case RoleCommunity:
		return "社区"
	}
	return "未设置"
}

// Settings reads the settings.
func (s *Store) Settings() (Settings, error) {
	var rows []struct {
		Key   string `db:"key"`
		Value string `db:"value"`
	}
	if err := s.db.Select(&rows, `SELECT key, value FROM settings`); err != nil {
		return Settings{}, fmt.Errorf("无法读取设置：%w", err)
	}
	m := map[string]string{}
	for _, r := range rows {
		m[r.Key] = r.Value
	}
	var out Settings
	v := reflect.ValueOf(&out).Elem()
	for i := 0; i < v.NumField(); i++ {
		v.Field(i).SetString(m[v.Type().Field(i).Tag.Get("key")])
	}
	return out, nil
}

func (st *Settings) check() error {
	st.OfficeName = Normalize(st.OfficeName)
	ck := &checker{record: "设置"}
	ck.required("OfficeName", "街道名称", st.OfficeName)
	switch st.Role {
	case RoleOffice:
	case RoleCommunity:
		if st.CommunityUUID == "" {
			ck.add("CommunityUUID", "本社区", "社区使用时请选择是哪个社区")
		}
	default:
		ck.add("Role", "使用单位类型", "请选择街道办事处或社区")
	}
	ck.phone("Hotline", "热线电话", st.Hotline)
	ck.phone("ContactPhone", "联系电话", st.ContactPhone)
	return ck.err()
}

// SaveSettings validates and saves the settings, auditing the changed fields.
func (s *Store) SaveSettings(st Settings) error {
	if err := st.check(); err != nil {
		return err
	}
	return s.Write(func(tx *Tx) error {
		old, err := s.Settings()
		if err != nil {
			return err
		}
		var changes []Change
		ov, nv := reflect.ValueOf(old), reflect.ValueOf(st)
		for i := 0; i < nv.NumField(); i++ {
			f := nv.Type().Field(i)
			a, b := ov.Field(i).String(), nv.Field(i).String()
			if a == b {
				continue
			}
			changes = append(changes, Change{Field: f.Name, Label: f.Tag.Get("zh"), Old: a, New: b})
			if _, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?)
				ON CONFLICT(key) DO UPDATE SET value = excluded.value`, f.Tag.Get("key"), b); err != nil {
				return fmt.Errorf("无法保存设置：%w", err)
			}
		}
		if len(changes) == 0 {
			return nil
		}
		return tx.Audit(EntitySettings, 0, "", "设置", ActionUpdate, "", changes)
	})
}

// Empty reports whether the store holds no records and no settings yet.
func (s *Store) Empty() (bool, error) {
	var n int
	err := s.db.Get(&n, `SELECT (SELECT COUNT(*) FROM settings) + (SELECT COUNT(*) FROM communities)`)
	if err != nil {
		return false, fmt.Errorf("无法读取数据：%w", err)
	}
	return n == 0, nil
}
