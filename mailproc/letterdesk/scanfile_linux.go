package letterdesk

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// beneath resolves a path inside a folder and no further: no "..", no
// link of any kind (openat2, Linux 5.6).
const beneath = unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS

// openScan opens rel in dir for reading without following a link and
// without blocking (a FIFO opens at once, then is refused), and returns
// it only when it is a regular file.
func openScan(dir, rel string) (*os.File, error) {
	fd, err := openBeneath(dir, rel, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_NOCTTY, 0)
	if err != nil {
		return nil, err
	}
	f := os.NewFile(uintptr(fd), filepath.Join(dir, rel))
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = errNotRegular
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// createScan makes a new file, mode 0600, in dir.
func createScan(dir, name string) (*os.File, error) {
	fd, err := openBeneath(dir, name, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	return os.NewFile(uintptr(fd), filepath.Join(dir, name)), nil
}

// openBeneath opens rel inside dir with openat2, never leaving dir and
// never following a link.
func openBeneath(dir, rel string, flags uint64, mode uint64) (int, error) {
	root, err := unix.Open(dir, unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, &os.PathError{Op: "open", Path: dir, Err: err}
	}
	defer unix.Close(root)
	how := &unix.OpenHow{Flags: flags | unix.O_NOFOLLOW | unix.O_CLOEXEC, Mode: mode, Resolve: beneath}
	for {
		fd, err := unix.Openat2(root, rel, how)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return -1, &os.PathError{Op: "openat2", Path: rel, Err: err}
		}
		return fd, nil
	}
}
