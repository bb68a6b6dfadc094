package convert

import (
	"testing"

	"github.com/cairn-notebook/cairn/app/notebook"
)

// FuzzIpynbImport: any input is refused with an error or read into a notebook that saves as
// .cairn.md and survives another trip through .ipynb unchanged. Never a panic.
func FuzzIpynbImport(f *testing.F) {
	for _, path := range samples {
		nb, err := notebook.Load(path)
		if err != nil {
			f.Fatal(err)
		}
		data, err := ToIpynb(nb)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"nbformat":4,"cells":[{"cell_type":"markdown","source":["![a](attachment:a.png)"],"attachments":{"a.png":{"image/png":"AAAA"}}},{"cell_type":"code","id":"x.y","source":"%%sql\nSELECT 1","outputs":[{"output_type":"error","ename":"E","evalue":"v","traceback":[]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		nb, err := FromIpynb(data)
		if err != nil {
			return
		}
		text := nb.Marshal()
		if _, err := notebook.Parse(text); err != nil {
			t.Fatalf("an imported notebook does not read back as .cairn.md: %v\n%s", err, text)
		}
		again, err := ToIpynb(nb)
		if err != nil {
			t.Fatal(err)
		}
		back, err := FromIpynb(again)
		if err != nil {
			t.Fatalf("Cairn's own export does not import: %v", err)
		}
		if !notebook.Equal(back, nb) {
			t.Fatalf("a second trip through .ipynb changed the notebook")
		}
	})
}
