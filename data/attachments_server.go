package data

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// On the office server an attachment's contents live in the database
// (attachment_files, by SHA-256), so every clerk's PC sees them; each PC
// keeps the files it opened in its local folder's attachments/, named and
// checked by the same SHA-256 as in a data folder.

// putAttachmentFile stores the file under sum in the database (server only),
// in the transaction that records the attachment.
func (tx *Tx) putAttachmentFile(sum, local string) error {
	if !tx.q.d.pg {
		return nil
	}
	b, err := os.ReadFile(local)
	if err != nil {
		return err
	}
	if sha256Hex(b) != sum {
		return fmt.Errorf("附件文件 %s 与登记的校验值不符", filepath.Base(local))
	}
	_, err = tx.q.Exec(`INSERT OR IGNORE INTO attachment_files (sha256, data) VALUES (?, ?)`, sum, b)
	return err
}

// fetchAttachment makes sure the local copy of a server attachment is there
// and whole, fetching it from the database when not.
func (s *Store) fetchAttachment(a Attachment) error {
	if haveFile(s.dir, a) {
		return nil
	}
	var b []byte
	if err := s.db.Get(&b, `SELECT data FROM attachment_files WHERE sha256 = ?`, a.SHA256); err != nil {
		return fmt.Errorf("服务器上没有附件“%s”的内容：%w", a.Name, err)
	}
	if sha256Hex(b) != a.SHA256 {
		return fmt.Errorf("服务器上附件“%s”的内容与校验值不符", a.Name)
	}
	return keepFile(s.dir, a, b)
}

// haveFile reports whether dir's attachments folder holds a's file whole.
func haveFile(dir string, a Attachment) bool {
	b, err := os.ReadFile(filepath.Join(dir, AttachmentsDir, a.File()))
	return err == nil && sha256Hex(b) == a.SHA256
}

// keepFile puts a's content b into dir's attachments folder (through a
// temporary file), unless the file is there whole already.
func keepFile(dir string, a Attachment, b []byte) error {
	if haveFile(dir, a) {
		return nil
	}
	path := filepath.Join(dir, AttachmentsDir, a.File())
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	_, err := writeAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err })
	return err
}

// sha256Hex is b's SHA-256 as the store names files and snapshots by it.
func sha256Hex(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
