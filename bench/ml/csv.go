package main

import (
	"bufio"
	"os"
	"strconv"
)

// writeCSV writes t with a header f0..f{p-1},y; floats print in their shortest exact form, so
// Python reads the very values Go trains on.
func writeCSV(path string, t task) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for j := range t.X {
		w.WriteString("f" + strconv.Itoa(j) + ",")
	}
	w.WriteString("y\n")
	var buf []byte
	for i := range t.y {
		for j := range t.X {
			buf = strconv.AppendFloat(buf[:0], t.X[j][i], 'g', -1, 64)
			w.Write(append(buf, ','))
		}
		w.WriteString(strconv.Itoa(int(t.y[i])) + "\n")
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
