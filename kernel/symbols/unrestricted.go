package symbols

import (
	"log"
	"os"
)

// yaegi extract writes these names instead of os.Exit, os.FindProcess, log.Fatal*, log.New
// and log.Logger, expecting sandboxed versions (yaegi's stdlib makes os.Exit a panic). A
// notebook is the user's own program on their own machine, and the app relies on os.Exit
// really ending the kernel process (it then reports the exit and restarts the kernel), so
// bind them to the real functions.
//
// Note: interp.Use still rebinds the package-level log.Fatal, Fatalf and Fatalln to panics
// writing to the interpreter's stderr (yaegi's fixStdlib), so they fail the cell instead
// of ending the kernel; a *log.Logger from log.New is the real one and its Fatal exits.
var (
	osExit        = os.Exit
	osFindProcess = os.FindProcess
	logFatal      = log.Fatal
	logFatalf     = log.Fatalf
	logFatalln    = log.Fatalln
	logNew        = log.New
)

type logLogger = log.Logger
