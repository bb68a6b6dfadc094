package chartfail

import (
	"errors"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
)

func TestTitleKeepsTheErrorForTake(t *testing.T) {
	Take()
	bar := charts.NewBar()
	bar.SetGlobalOptions(Title(errors.New("no column x")))
	if bar.Title.Title != "no column x" || bar.Title.TitleStyle.Color != "#d03030" {
		t.Errorf("title %+v", bar.Title)
	}
	if errs := Take(); len(errs) != 1 || errs[0].Error() != "no column x" {
		t.Errorf("taken %v", errs)
	}
	if errs := Take(); errs != nil {
		t.Errorf("taken twice: %v", errs)
	}
}
