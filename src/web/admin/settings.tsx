// A list's settings page for its owners: every option of ListSettings, grouped, with its help
// text; validated by the same schema as everywhere else; templates with a preview filled with
// sample values (the Preview button shows unsaved edits without saving them).
import type { MailingList } from '../../domain/list.ts';
import type { ListSettings } from '../../domain/list-settings.ts';
import { fillTemplate, memberVariables } from '../../subscriptions/index.ts';
import { Csrf, render } from '../layout.tsx';
import { S } from '../strings.ts';
import type { WebDeps } from '../deps.ts';
import type { WebApp, WebContext } from '../env.ts';
import { adminListPath } from '../list-ref.ts';
import { formText } from '../form.ts';
import { requireList, type ListAccess } from './guard.ts';
import { ListNav, refuse } from './list-nav.tsx';
import { fieldValue, GROUPS, groupOf, isTemplate, readSettingsForm, settingFields, type SettingField } from './settings-form.ts';

/** The sample member a template preview is filled for. */
const SAMPLE = { address: 'sample.member@example.org', unsubscribeToken: 'SAMPLE-TOKEN' };

function Field(props: { f: SettingField; value: unknown; error?: string | undefined; preview: string | null }) {
  const { f } = props;
  const id = `s-${f.key}`;
  const describedBy = [f.help ? `${id}-help` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const v = fieldValue(f, props.value);
  const common = { id, name: f.key, 'aria-describedby': describedBy, 'aria-invalid': props.error ? 'true' : undefined };
  let control;
  switch (f.kind) {
    case 'boolean': control = <input type="checkbox" {...common} checked={props.value === true} />; break;
    case 'enum': control = <select {...common}>{f.options.map((o) => <option value={o} selected={o === v}>{o}</option>)}</select>; break;
    case 'integer':
    case 'number': control = <input type="number" {...common} value={v} min={f.min ?? undefined} step={f.kind === 'integer' ? '1' : 'any'} />; break;
    case 'text': control = <input type="text" {...common} value={v} size={40} autocomplete="off" />; break;
    // The newline after <textarea> is dropped by HTML parsers; it keeps a value's own first newline.
    default: control = <textarea {...common} rows={Math.min(14, Math.max(3, v.split('\n').length + 1))}>{`\n${v}`}</textarea>;
  }
  return (
    <div class={f.kind === 'boolean' ? 'field inline' : 'field'}>
      {f.kind === 'boolean' ? <>{control} <label for={id}>{S.settingLabel(f.key)}</label></> : <label for={id}>{S.settingLabel(f.key)}</label>}
      {f.help ? <span class="help" id={`${id}-help`}>{f.help}{f.kind === 'lines' ? S.settingOnePerLine : f.kind === 'header-matches' ? S.settingHeaderMatches : ''}</span> : null}
      {props.error ? <span class="error-text" id={`${id}-err`}>{props.error}</span> : null}
      {f.kind === 'boolean' ? null : control}
      {props.preview !== null ? <details><summary>{S.settingPreview}</summary><pre>{props.preview}</pre></details> : null}
    </div>
  );
}

function page(c: WebContext, d: WebDeps, a: ListAccess, values: Record<string, unknown>, errors: Record<string, string>, note: string | null, status: 200 | 400 = 200) {
  const fields = settingFields();
  const previewList: MailingList = { ...a.list, settings: { ...a.list.settings, ...(values as Partial<ListSettings>) } };
  const vars = memberVariables(d.site, previewList, SAMPLE);
  const count = Object.keys(errors).length;
  return render(c, d, `${S.navSettings}: ${a.list.address}`, (
    <>
      <ListNav list={a.list} roles={a.roles} current={S.navSettings} />
      {note ? <p class="note" role="status">{note}</p> : null}
      {count ? <p class="error" role="alert">{S.settingErrors(count)}</p> : null}
      <form method="post" action={`${adminListPath(a.list)}/settings`}>
        <Csrf token={c.get('csrf')} />
        {GROUPS.map((g) => {
          const inGroup = fields.filter((f) => groupOf(f.key) === g);
          if (inGroup.length === 0) return null;
          return (
            <fieldset>
              <legend>{S.settingGroup[g]}</legend>
              {inGroup.map((f) => (
                <Field f={f} value={values[f.key]} error={errors[f.key]} preview={isTemplate(f.key) && typeof values[f.key] === 'string' ? fillTemplate(values[f.key] as string, vars) : null} />
              ))}
            </fieldset>
          );
        })}
        <div class="actions">
          <button type="submit" name="intent" value="save" class="primary">{S.settingSave}</button>
          <button type="submit" name="intent" value="preview">{S.settingPreviewButton}</button>
        </div>
      </form>
    </>
  ), status);
}

export function mountSettings(app: WebApp, d: WebDeps): void {
  app.get('/admin/lists/:ref/settings', async (c) => {
    const a = await requireList(c, d, 'owner');
    return typeof a === 'string' ? refuse(c, d, a) : page(c, d, a, a.list.settings, {}, null);
  });
  app.post('/admin/lists/:ref/settings', async (c) => {
    const a = await requireList(c, d, 'owner');
    if (typeof a === 'string') return refuse(c, d, a);
    const form = await c.req.parseBody();
    const r = readSettingsForm(form);
    if (!r.ok) return page(c, d, a, r.values, r.errors, null, 400);
    if (formText(form, 'intent', 10) === 'preview') return page(c, d, a, r.settings, {}, S.settingPreviewNote);
    const list = await d.store.updateListSettings(a.list.id, r.settings);
    return page(c, d, { ...a, list }, list.settings, {}, S.settingSaved);
  });
}
