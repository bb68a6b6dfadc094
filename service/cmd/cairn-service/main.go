// Command cairn-service is the service runtime `cairn export` ships: pure Go, built with
// CGO_ENABLED=0 for every target and embedded in cairn (app/export). An exported service is
// this binary with a model bundle appended (service/bundle); run bare, it says so and exits.
package main

import (
	"os"

	"github.com/cairn-notebook/cairn/service"
	"github.com/cairn-notebook/cairn/service/bundle"
)

func main() {
	os.Exit(service.Main(os.Args[1:], os.Stdout, os.Stderr, bundle.ReadSelf))
}
