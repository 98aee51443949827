package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// AttachmentMaxSize is the largest file a nomination may carry.
const AttachmentMaxSize = 20 << 20

// AttachmentTypes are the accepted file types, by extension.
var AttachmentTypes = map[string]string{
	".jpg": "图片", ".jpeg": "图片", ".png": "图片", ".gif": "图片", ".bmp": "图片",
	".pdf": "PDF 文件", ".doc": "Word 文档", ".docx": "Word 文档", ".wps": "WPS 文档",
	".xls": "Excel 表格", ".xlsx": "Excel 表格", ".et": "WPS 表格",
	".ppt": "演示文稿", ".pptx": "演示文稿", ".txt": "文本文件", ".mp4": "视频",
}

// AcceptedExtensions lists AttachmentTypes' extensions, sorted (for the file dialog).
func AcceptedExtensions() []string {
	out := make([]string, 0, len(AttachmentTypes))
	for e := range AttachmentTypes {
		out = append(out, e)
	}
	sort.Strings(out)
	return out
}

// Attachment is a file of a nomination, kept in the data folder's
// attachments directory under its SHA-256 (identical files are stored once).
type Attachment struct {
	ID           int64   `db:"id"`
	NominationID int64   `db:"nomination_id"`
	Name         string  `db:"name"` // the file's original name
	SHA256       string  `db:"sha256"`
	Ext          string  `db:"ext"`
	Size         int64   `db:"size"`
	AddedAt      string  `db:"added_at"`
	RemovedAt    *string `db:"removed_at"`
}

// File is the stored file's name inside the attachments directory.
func (a Attachment) File() string { return a.SHA256 + a.Ext }

// AttachmentPath is where the attachment's file is.
func (s *Store) AttachmentPath(a Attachment) string {
	if s.db.d.pg {
		s.fetchAttachment(a) // on failure the path names no file, and opening it says so
	}
	return filepath.Join(s.dir, AttachmentsDir, a.File())
}

// Attachments lists a nomination's current attachments (removed ones too when all).
func (s *Store) Attachments(nominationID int64, all bool) ([]Attachment, error) {
	q := `SELECT * FROM attachments WHERE nomination_id = ?`
	if !all {
		q += ` AND removed_at IS NULL`
	}
	var out []Attachment
	if err := s.db.Select(&out, q+` ORDER BY id`, nominationID); err != nil {
		return nil, fmt.Errorf("无法读取附件：%w", err)
	}
	return out, nil
}

// AddAttachment copies the file at path into the data folder and attaches
// it: a draft (or a nomination sent back) freely; a submitted one, while it
// may be amended, only with a reason, recorded in the audit trail. The file
// must be of an accepted type and at most AttachmentMaxSize.
func (s *Store) AddAttachment(nominationID int64, path, reason string) (Attachment, error) {
	var a Attachment
	n, err := s.Nomination(nominationID)
	if err != nil {
		return a, err
	}
	name := filepath.Base(path)
	ext := strings.ToLower(filepath.Ext(name))
	if _, ok := AttachmentTypes[ext]; !ok {
		return a, fmt.Errorf("%s：附件“%s”的类型不在可接受之列（%s）", n.Label(), name, strings.Join(AcceptedExtensions(), " "))
	}
	fi, err := os.Stat(path)
	if err != nil {
		return a, fmt.Errorf("%s：无法读取附件“%s”：%w", n.Label(), name, err)
	}
	if fi.IsDir() {
		return a, fmt.Errorf("%s：“%s”是文件夹，不是文件", n.Label(), name)
	}
	if fi.Size() > AttachmentMaxSize {
		return a, fmt.Errorf("%s：附件“%s”有 %.1f MB，超过 %d MB 的上限", n.Label(), name, float64(fi.Size())/(1<<20), AttachmentMaxSize>>20)
	}
	sum, size, err := s.storeFile(path)
	if err != nil {
		return a, fmt.Errorf("%s：无法保存附件“%s”：%w", n.Label(), name, err)
	}
	a = Attachment{NominationID: nominationID, Name: name, SHA256: sum, Ext: ext, Size: size}
	err = s.Write(func(tx *Tx) error {
		act, err := tx.actor()
		if err != nil {
			return err
		}
		n, err := getNomination(tx.q, nominationID)
		if err != nil {
			return err
		}
		if err := tx.attachmentAllowed(n, act, reason); err != nil {
			return err
		}
		a.AddedAt = tx.at
		res, err := tx.q.NamedExec(`INSERT INTO attachments (nomination_id, name, sha256, ext, size, added_at)
			VALUES (:nomination_id, :name, :sha256, :ext, :size, :added_at)`, &a)
		if err != nil {
			return fmt.Errorf("无法保存附件“%s”：%w", name, err)
		}
		a.ID, _ = res.LastInsertId()
		if err := tx.putAttachmentFile(sum, filepath.Join(s.dir, AttachmentsDir, a.File())); err != nil {
			return fmt.Errorf("无法保存附件“%s”：%w", name, err)
		}
		return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionAttach, strings.TrimSpace(reason),
			[]Change{{Field: "Attachment", Label: "附件", New: fmt.Sprintf("%s（%s）", name, HumanSize(size))}})
	})
	return a, err
}

// RemoveAttachment takes an attachment off its nomination (the same rules
// as adding). The record stays, marked removed, so earlier versions still
// show what they carried; the file stays in the data folder.
func (s *Store) RemoveAttachment(id int64, reason string) error {
	return s.Write(func(tx *Tx) error {
		act, err := tx.actor()
		if err != nil {
			return err
		}
		var a Attachment
		if err := tx.q.Get(&a, `SELECT * FROM attachments WHERE id = ?`, id); err != nil {
			return errNoID("附件", id)
		}
		n, err := getNomination(tx.q, a.NominationID)
		if err != nil {
			return err
		}
		if err := tx.attachmentAllowed(n, act, reason); err != nil {
			return err
		}
		res, err := tx.q.Exec(`UPDATE attachments SET removed_at = ? WHERE id = ? AND removed_at IS NULL`, tx.at, id)
		if err != nil {
			return fmt.Errorf("无法移除附件“%s”：%w", a.Name, err)
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return fmt.Errorf("附件“%s”已移除", a.Name)
		}
		return tx.Audit(EntityNomination, n.ID, n.UUID, n.NomineeName, ActionDetach, strings.TrimSpace(reason),
			[]Change{{Field: "Attachment", Label: "附件", Old: a.Name}})
	})
}

func (tx *Tx) attachmentAllowed(n Nomination, a actor, reason string) error {
	if err := tx.mayActOn(n, a, false); err != nil {
		return err
	}
	switch {
	case n.State.Editable():
		return nil
	case n.State.Amendable():
		if strings.TrimSpace(reason) == "" {
			return fmt.Errorf("%s现为“%s”，内容已锁定；补充或撤下附件须写明原因", n.Label(), n.State.Label())
		}
		return nil
	}
	return fmt.Errorf("%s现为“%s”，附件不能再改", n.Label(), n.State.Label())
}

// storeFile copies path into the attachments directory under its SHA-256,
// through a temporary file, keeping an identical file already there.
func (s *Store) storeFile(path string) (string, int64, error) {
	dir := filepath.Join(s.dir, AttachmentsDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, err
	}
	in, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, ".incoming-*")
	if err != nil {
		return "", 0, err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	size, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(in, AttachmentMaxSize+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", 0, err
	}
	if size > AttachmentMaxSize {
		return "", 0, fmt.Errorf("超过 %d MB 的上限", AttachmentMaxSize>>20)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	dest := filepath.Join(dir, sum+strings.ToLower(filepath.Ext(path)))
	if _, err := os.Stat(dest); err == nil {
		return sum, size, nil
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return "", 0, err
	}
	return sum, size, nil
}
