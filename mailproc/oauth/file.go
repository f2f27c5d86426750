package oauth

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
)

// maxOutput bounds what is read from a token file or a command's output.
const maxOutput = 64 << 10

// File is a token kept in a file by another program (a refresh agent). The
// file holds the token alone, or a JSON token response; it is read again
// whenever it changes. A lifetime in it is ignored: keeping the file fresh
// is the other program's job.
type File struct {
	path string

	mu    sync.Mutex
	token string
	seen  os.FileInfo // the file as it was when token was read; nil: read again
}

// FromFile returns a source that reads the token from path.
func FromFile(path string) *File {
	return &File{path: path}
}

// Token returns the token in the file, reading the file again when its
// modification time, size or inode changed or after Invalidate.
func (f *File) Token(context.Context) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	info, err := os.Stat(f.path)
	if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	if f.seen != nil && sameVersion(f.seen, info) {
		return f.token, nil
	}
	token, err := readTokenFile(f.path)
	if err != nil {
		return "", err
	}
	f.token, f.seen = token, info
	return token, nil
}

// Invalidate makes the next Token read the file again.
func (f *File) Invalidate() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.token, f.seen = "", nil
}

// sameVersion reports whether a and b describe the same contents of a file,
// as far as its metadata tells.
func sameVersion(a, b os.FileInfo) bool {
	return os.SameFile(a, b) && a.ModTime().Equal(b.ModTime()) && a.Size() == b.Size()
}

// readTokenFile reads and parses the file at path.
func readTokenFile(path string) (string, error) {
	file, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("token file: %w", err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxOutput+1))
	if err != nil {
		return "", fmt.Errorf("token file %s: %w", path, err)
	}
	if len(data) > maxOutput {
		return "", fmt.Errorf("token file %s: longer than %d bytes", path, maxOutput)
	}
	token, _, err := parseOutput(data)
	if err != nil {
		return "", fmt.Errorf("token file %s: %w", path, err)
	}
	return token, nil
}
