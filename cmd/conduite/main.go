// Command conduite helps school and administration staff decide whether a
// digital tool may be used for work communication under the GDPR.
package main

import (
	"context"
	"os"

	"github.com/conduite/conduite/internal/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), cli.System(), os.Args[1:]))
}
