//go:build !unix

package cli

import "errors"

func runAsNobody(string, ...string) (string, error) {
	return "", errors.New("switching users: operation not permitted on this system")
}

func mkfifo(string) error { return errors.New("no named pipes here") }
