import { describe, expect, it } from 'vitest';
import { childForms, formHead, onlyForm } from '../../../scripts/lib/wat-forms.ts';

describe('WAT forms', () => {
  const wat = `(component ;; a line comment with a ) paren
  (; a block (; nested ;) comment with ( parens ;)
  (type (;0;) (component (export "a)\\"(b" (instance (type 0)))))
  (export (;1;) "x" (type 0))
)`;

  it('finds the forms inside a form, past strings and comments that hold parentheses', () => {
    const root = onlyForm(wat, 0, wat.length);
    const forms = childForms(wat, root);
    expect(forms.map((form) => formHead(wat, form))).toEqual(['type', 'export']);
    const inner = childForms(wat, forms[0]!);
    expect(inner.map((form) => wat.slice(form.start, form.end))).toEqual(['(component (export "a)\\"(b" (instance (type 0))))']);
  });

  it('refuses unbalanced text and more than one form where one is expected', () => {
    expect(() => onlyForm('(a (b)', 0, 6)).toThrow(/unbalanced/);
    expect(() => onlyForm('(a) (b)', 0, 7)).toThrow(/expected one form, found 2/);
    expect(() => onlyForm('(a "b)', 0, 6)).toThrow(/unterminated string/);
    expect(() => onlyForm('(a (; b)', 0, 8)).toThrow(/unterminated block comment/);
  });
});
