import { useMutation } from '@tanstack/react-query';
import { App, Form, type FormInstance, Modal, Result } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useCallback, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Session } from '../../api/queries/auth.ts';
import type { Unit, UnitKind } from '../../api/queries/units.ts';
import { useSession } from '../../auth/session.tsx';
import { DateInput, validated } from '../../components/forms.tsx';
import { SaveErrorAlert } from '../../components/SaveErrorAlert.tsx';
import { common } from '../../i18n/common.ts';
import { refusalText } from '../../i18n/errors.ts';
import { useLang, useT } from '../../i18n/index.tsx';
import { adminMessages } from './messages.ts';

export const UNIT_KINDS: UnitKind[] = ['committee', 'inspection_office', 'unit', 'department', 'supervision'];

/**
 * The administration pages are for the inspection office and the administrator (accounts for the administrator
 * alone). Others who type the address get the reason in words instead of a page of buttons the server would refuse.
 */
export function AdminGate({
  ability,
  reason,
  children,
}: {
  /** One ability, or several of which any will do. */
  ability: keyof Session['abilities'] | (keyof Session['abilities'])[];
  reason: string;
  children: ReactNode;
}) {
  const { abilities } = useSession();
  const t = useT(adminMessages);
  if ((Array.isArray(ability) ? ability : [ability]).some((a) => abilities[a])) return children;
  return <Result status="403" title={t('notAllowedTitle')} subTitle={reason} />;
}

/** A date picker whose value is the API's 'YYYY-MM-DD' text, so form values go to the server as they are. */
export function IsoDatePicker({
  value,
  onChange,
  id,
  placeholder,
  disabled,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
}) {
  return (
    <DateInput
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format="YYYY-MM-DD"
      placeholder={placeholder}
      disabled={disabled}
      style={{ width: '100%' }}
    />
  );
}

/**
 * A refused save keeps the form as typed: field errors from the server are put beside their fields (this, as a
 * mutation's onError), the rest is shown above the buttons, and a stale version says so with a way to pick up the
 * newer version.
 */
export function useFieldErrors(form: FormInstance) {
  const { lang } = useLang();
  return useCallback(
    (e: unknown) => {
      const fields = e instanceof ApiError ? (e.details as { fields?: { field: string }[] } | null)?.fields : null;
      if (!fields?.length || !(e instanceof ApiError)) return;
      const known = new Set(Object.keys(form.getFieldsValue(true)));
      form.setFields(
        fields.filter((f) => known.has(f.field)).map((f) => ({ name: f.field, errors: [refusalText(e, lang)] })),
      );
    },
    [form, lang],
  );
}

/** The version the server holds now, from a 409, so that saving again after a look at the data goes through. */
export function currentVersionOf(error: unknown): number | null {
  if (!(error instanceof ApiError)) return null;
  const v = (error.details as { currentVersion?: number } | null)?.currentVersion;
  return typeof v === 'number' ? v : null;
}

/** Form rules with the catalogue's words. */
export function useRules() {
  const t = useT(adminMessages);
  return {
    required: (field: string) => ({ required: true, whitespace: true, message: t('required', { field }) }),
    choose: (field: string) => ({ required: true, message: t('choose', { field }) }),
    max: (field: string, n: number) => ({ max: n, message: t('tooLong', { field, n }) }),
  };
}

/** Turns a flat unit list into the nested rows antd's tree table and tree select take, siblings by sort order. */
export function unitTree<T>(units: Unit[], toNode: (unit: Unit, children: T[] | undefined) => T): T[] {
  const byParent = new Map<number | null, Unit[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    // The list starts at the reader's own unit, whose parent is outside it: that unit is a root here.
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const list = byParent.get(parent) ?? [];
    list.push(u);
    byParent.set(parent, list);
  }
  const build = (parent: number | null): T[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id)
      .map((u) => {
        const children = byParent.has(u.id) ? build(u.id) : undefined;
        return toNode(u, children);
      });
  return build(null);
}

/**
 * A dialog holding one form: it creates or edits one record. When the server refuses a stale version the dialog stays
 * open with what was typed; "reload" fetches the list again and adopts the server's version for the next save.
 */
export function FormModal<V extends object>({
  name,
  title,
  initialValues,
  version,
  submit,
  onClose,
  onSaved,
  reload,
  okText,
  width = 560,
  children,
}: {
  /** Prefixes the fields' ids, so labels find their fields even with another form on the page. */
  name: string;
  title: string;
  initialValues: Partial<V>;
  version?: number;
  /** The resource's write (a mutateAsync from api/queries), which also refreshes what it changed. */
  submit: (values: V, version: number | undefined) => Promise<unknown>;
  onClose: () => void;
  onSaved: () => void;
  /** Fetches the record again after a stale-version refusal. */
  reload?: () => void;
  okText?: string;
  width?: number;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
}) {
  const t = useT(adminMessages);
  const c = useT(common);
  const [form] = Form.useForm<V>();
  const [currentVersion, setCurrentVersion] = useState(version);
  const { message } = App.useApp();
  const showFieldErrors = useFieldErrors(form);
  const saving = useMutation({
    mutationFn: (values: V) => submit(values, currentVersion),
    onError: showFieldErrors,
    onSuccess: () => {
      message.success(version === undefined ? t('createdOk') : t('savedOk'));
      onSaved();
    },
  });
  const save = async () => {
    const values = await validated(form);
    if (values) saving.mutate(values);
  };
  const adoptNewer = () => {
    setCurrentVersion(currentVersionOf(saving.error) ?? currentVersion);
    saving.reset();
    reload?.();
  };
  return (
    <Modal
      open
      title={title}
      width={width}
      onCancel={onClose}
      onOk={save}
      okText={okText ?? c('save')}
      cancelText={c('cancel')}
      confirmLoading={saving.isPending}
      mask={{ closable: false }}
    >
      <SaveErrorAlert error={saving.error} onReload={adoptNewer} />
      <Form<V>
        name={name}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        requiredMark
        style={{ marginTop: 8 }}
      >
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
