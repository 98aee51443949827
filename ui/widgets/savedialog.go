package widgets

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage/repository"
)

// Fyne's save dialog hands its callback a writer it has already opened with
// os.Create: the chosen file is created, or truncated when it exists, before
// the program can check the name. Picked by mistake, jiayuan.db (or a link to
// it) would be emptied before data.CheckOutputPath could refuse it, and an
// export that then fails would leave an empty file, or an emptied older one.
// The program never writes through that writer (every file is written by
// data.WriteOutput, through a temporary file renamed into place), so the
// file:// repository is wrapped to open a file only on the first byte
// written: closing the dialog's writer unused leaves the disk untouched.

// fileRepo is everything Fyne's file:// repository offers.
type fileRepo interface {
	repository.Repository
	repository.WritableRepository
	repository.AppendableRepository
	repository.DeleteAllRepository
	repository.HierarchicalRepository
	repository.ListableRepository
	repository.CopyableRepository
	repository.MovableRepository
}

// lazyWriteRepo is the file:// repository whose writers open on first write.
type lazyWriteRepo struct{ fileRepo }

func (r lazyWriteRepo) Writer(u fyne.URI) (fyne.URIWriteCloser, error) {
	return &lazyWriter{uri: u, open: r.fileRepo.Writer}, nil
}

type lazyWriter struct {
	uri  fyne.URI
	open func(fyne.URI) (fyne.URIWriteCloser, error)
	w    fyne.URIWriteCloser
}

func (l *lazyWriter) URI() fyne.URI { return l.uri }

func (l *lazyWriter) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open(l.uri)
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

func (l *lazyWriter) Close() error {
	if l.w == nil {
		return nil
	}
	return l.w.Close()
}

var lazyWritesMu sync.Mutex

// lazyFileWrites puts the lazy writers in place for file:// (again after a
// new Fyne app registered its own repository); it is cheap to call before
// every save dialog.
func lazyFileWrites() {
	lazyWritesMu.Lock()
	defer lazyWritesMu.Unlock()
	r, err := repository.ForScheme("file")
	if err != nil {
		return
	}
	if _, done := r.(lazyWriteRepo); done {
		return
	}
	if fr, ok := r.(fileRepo); ok {
		repository.Register("file", lazyWriteRepo{fr})
	}
}
