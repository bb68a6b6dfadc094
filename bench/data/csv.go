package main

import (
	"bufio"
	"os"
	"strconv"
	"time"

	"github.com/cairn-notebook/cairn/bench/measure"
)

// writeCSV writes rows of 10 mixed columns, the same bytes on every run: integers, doubles,
// a low-cardinality category (the GROUP BY key), text, a bool, a date and a timestamp.
func writeCSV(path string, rows int) {
	f, err := os.Create(path)
	measure.Must(err)
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("id,cat,qty,price,score,name,active,day,ts,code\n")
	cats := []string{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var b []byte
	x := uint64(88172645463325252) // xorshift: deterministic, cheap
	for i := range rows {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b = strconv.AppendInt(b[:0], int64(i), 10)
		b = append(b, ',')
		b = append(b, cats[x%uint64(len(cats))]...)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(x>>8%1000), 10)
		b = append(b, ',')
		b = strconv.AppendFloat(b, float64(x>>16%100000)/100, 'f', 2, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, float64(x>>24%1000000)/1e6, 'f', 6, 64)
		b = append(b, ",name_"...)
		b = strconv.AppendInt(b, int64(x>>32%50000), 10)
		b = append(b, ',')
		b = strconv.AppendBool(b, x&1 == 0)
		b = append(b, ',')
		b = base.AddDate(0, 0, int(x>>40%1000)).AppendFormat(b, time.DateOnly)
		b = append(b, ',')
		b = base.Add(time.Duration(x>>20%(1<<30))*time.Second).AppendFormat(b, "2006-01-02 15:04:05")
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(x>>48), 16)
		b = append(b, '\n')
		w.Write(b)
	}
	measure.Must(w.Flush())
	measure.Must(f.Close())
}
