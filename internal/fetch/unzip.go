package fetch

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// DefaultMaxUnzipBytes caps the total size unpacked from one archive. The
// largest EES releases (pupil absence) unpack to a few GB.
const DefaultMaxUnzipBytes int64 = 8 << 30

// maxZipMembers caps how many entries one archive may hold.
const maxZipMembers = 10000

// ErrZipTooBig is returned when an archive would unpack to more than the cap.
var ErrZipTooBig = errors.New("zip archive unpacks to more than the size cap")

// unzipTo unpacks archive into a new folder dir (which must not exist),
// refusing members whose paths would leave dir, links and device files, and
// stopping once maxBytes have been written. On error it removes dir. It
// returns the unpacked files' slash-separated paths.
func unzipTo(archive, dir string, maxBytes int64) (files []string, err error) {
	zr, err := zip.OpenReader(archive)
	if err != nil {
		return nil, fmt.Errorf("open zip: %w", err)
	}
	defer zr.Close()
	if err := checkZipSize(zr.File, maxBytes); err != nil {
		return nil, err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	budget := maxBytes
	for _, f := range zr.File {
		name, err := memberPath(f)
		if err != nil {
			return nil, err
		}
		if name == "" {
			continue
		}
		n, err := extract(f, filepath.Join(dir, filepath.FromSlash(name)), budget)
		if err != nil {
			return nil, fmt.Errorf("zip member %s: %w", f.Name, err)
		}
		budget -= n
		files = append(files, name)
	}
	return files, nil
}

// checkZipSize rejects archives whose declared sizes or member count are
// already over the caps (the real bytes are counted again when written).
func checkZipSize(files []*zip.File, maxBytes int64) error {
	if len(files) > maxZipMembers {
		return fmt.Errorf("zip archive has %d members, more than %d", len(files), maxZipMembers)
	}
	var declared uint64
	for _, f := range files {
		declared += f.UncompressedSize64
		if declared > uint64(maxBytes) {
			return fmt.Errorf("%w (%d bytes)", ErrZipTooBig, maxBytes)
		}
	}
	return nil
}

// memberPath returns the member's safe relative path, or "" for a folder
// entry; it rejects absolute paths, ".." and links (zip-slip).
func memberPath(f *zip.File) (string, error) {
	if f.Mode().IsDir() || strings.HasSuffix(f.Name, "/") {
		return "", nil
	}
	if !f.Mode().IsRegular() {
		return "", fmt.Errorf("zip member %q is not a regular file", f.Name)
	}
	clean := path.Clean(f.Name)
	if strings.Contains(f.Name, `\`) || !filepath.IsLocal(filepath.FromSlash(clean)) {
		return "", fmt.Errorf("zip member %q has an unsafe path", f.Name)
	}
	return clean, nil
}

// extract writes one member to dst (which must not exist yet), writing at
// most budget bytes; it returns the bytes written.
func extract(f *zip.File, dst string, budget int64) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, io.LimitReader(rc, budget+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > budget {
		err = fmt.Errorf("%w (%d bytes left)", ErrZipTooBig, budget)
	}
	return n, err
}

// replaceDir moves the folder tmp to dir, removing any older dir first.
func replaceDir(tmp, dir string) error {
	if err := os.RemoveAll(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Rename(tmp, dir)
}
