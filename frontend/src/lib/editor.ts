// CodeMirror 6 setup for a cell: the language, the cell keys (run, leave) and the failing line
// of the last run, highlighted.
import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { go } from '@codemirror/lang-go';
import { markdown } from '@codemirror/lang-markdown';
import { sql } from '@codemirror/lang-sql';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine, type DecorationSet } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

export function language(kind: string, lang: string): Extension {
  if (kind === 'markdown') return markdown();
  return lang === 'sql' ? sql() : go();
}

// Colours come from CSS variables so the light and dark themes restyle the editor too.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: 'var(--syn-keyword)' },
  { tag: [t.string, t.special(t.string), t.character], color: 'var(--syn-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syn-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [t.typeName, t.standard(t.typeName)], color: 'var(--syn-type)' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--syn-func)' },
  { tag: [t.heading], color: 'var(--syn-keyword)', fontWeight: '600' },
  { tag: [t.emphasis], fontStyle: 'italic' },
  { tag: [t.strong], fontWeight: '600' },
  { tag: [t.link, t.url], color: 'var(--syn-string)' },
]);

const setErrorLine = StateEffect.define<number | null>();
const errorLineMark = Decoration.line({ class: 'cm-error-line' });

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setErrorLine)) continue;
      const n = e.value;
      deco = n && n >= 1 && n <= tr.state.doc.lines ? Decoration.set([errorLineMark.range(tr.state.doc.line(n).from)]) : Decoration.none;
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** showErrorLine highlights line n (1-based) of the cell, or nothing when n is null. */
export function showErrorLine(view: EditorView, n: number | null): void {
  view.dispatch({ effects: setErrorLine.of(n) });
}

export interface CellKeys {
  run(): void; // Ctrl+Enter
  runAdvance(): void; // Shift+Enter
  runInsert(): void; // Alt+Enter
  leave(): void; // Esc
  save(): void; // Ctrl+S
}

export function createEditor(
  parent: HTMLElement,
  doc: string,
  lang: Compartment,
  langExt: Extension,
  keys: CellKeys,
  onChange: (text: string) => void,
  onFocus: (focused: boolean) => void,
): EditorView {
  const bind = (f: () => void) => () => (f(), true);
  const cellKeys = Prec.highest(
    keymap.of([
      { key: 'Shift-Enter', run: bind(keys.runAdvance) },
      { key: 'Mod-Enter', run: bind(keys.run) },
      { key: 'Alt-Enter', run: bind(keys.runInsert) },
      { key: 'Escape', run: bind(keys.leave) },
      { key: 'Mod-s', run: bind(keys.save), preventDefault: true },
    ]),
  );
  return new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        cellKeys,
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        autocompletion(),
        syntaxHighlighting(highlight),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        lang.of(langExt),
        errorLineField,
        EditorView.lineWrapping,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
          if (u.focusChanged) onFocus(u.view.hasFocus);
        }),
        EditorView.contentAttributes.of({ 'aria-label': 'cell source' }),
      ],
    }),
  });
}
