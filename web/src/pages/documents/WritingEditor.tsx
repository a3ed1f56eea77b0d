import { Alert, App, Button, Col, Form, Input, Row, Select, Space, Tag, Typography, theme } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import { CONTACT_PATTERNS, PART_HEADINGS } from '../../../../src/domain/notice-writing.ts';
import { ApiError } from '../../api/client.ts';
import {
  type DocumentKind,
  fetchDraft,
  type NoticeDraft,
  useDraft,
  useSaveDraft,
  type WorkLogFact,
  type Writing,
} from '../../api/queries/notices.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { DateInput, validated } from '../../components/forms.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { common } from '../../i18n/common.ts';
import { useT } from '../../i18n/index.tsx';
import { documentMessages } from './messages.ts';

interface FormValues {
  issuer?: string;
  issuedOn?: Dayjs | null;
  asOf?: Dayjs | null;
  organising?: string;
  nextSteps?: string;
  publicFrom?: Dayjs | null;
  publicTo?: Dayjs | null;
  phones?: string[];
  emails?: string[];
  postal?: string;
  postcode?: string;
  addressee?: string;
  signatory?: string;
}

// The patterns the server validates with, so a wrong entry is marked where it was typed rather than refused on save.
const PHONE = new RegExp(CONTACT_PATTERNS.phone);
const EMAIL = new RegExp(CONTACT_PATTERNS.email);

/** Phone numbers or e-mail addresses typed as a short list, each one checked as it is entered. */
function ContactListField({
  name,
  pattern,
  invalid,
  hint,
}: {
  name: 'phones' | 'emails';
  pattern: RegExp;
  invalid: 'phoneInvalid' | 'emailInvalid';
  hint: 'phonesHint' | 'emailsHint';
}) {
  const t = useT(documentMessages);
  const rule = {
    validator: async (_: unknown, values: string[] | undefined) => {
      const wrong = (values ?? []).find((v) => !pattern.test(v.trim()));
      if (wrong !== undefined) throw new Error(t(invalid, { value: wrong }));
    },
  };
  return (
    <Form.Item name={name} label={t(name)} extra={t(hint)} rules={[rule]}>
      <Select
        mode="tags"
        notFoundContent={null}
        suffixIcon={null}
        maxCount={5}
        tokenSeparators={[',', '，', '；', ';']}
      />
    </Form.Item>
  );
}

const day = (iso: string | null) => (iso ? dayjs(iso) : null);
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const textOrNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

function toForm(w: NoticeDraft): FormValues {
  return {
    issuer: w.issuer ?? '',
    issuedOn: day(w.issuedOn),
    asOf: day(w.asOf),
    organising: w.organising ?? '',
    nextSteps: w.nextSteps ?? '',
    publicFrom: day(w.publicFrom),
    publicTo: day(w.publicTo),
    phones: w.contacts.phone,
    emails: w.contacts.email,
    postal: w.contacts.postal ?? '',
    postcode: w.contacts.postcode ?? '',
    addressee: w.addressee ?? '',
    signatory: w.signatory ?? '',
  };
}

function fromForm(v: FormValues): Required<Writing> {
  return {
    issuer: textOrNull(v.issuer),
    issuedOn: iso(v.issuedOn),
    asOf: iso(v.asOf),
    organising: textOrNull(v.organising),
    nextSteps: textOrNull(v.nextSteps),
    publicFrom: iso(v.publicFrom),
    publicTo: iso(v.publicTo),
    contacts: {
      phone: (v.phones ?? []).map((p) => p.trim()).filter(Boolean),
      email: (v.emails ?? []).map((e) => e.trim()).filter(Boolean),
      postal: textOrNull(v.postal),
      postcode: textOrNull(v.postcode),
    },
    addressee: textOrNull(v.addressee),
    signatory: textOrNull(v.signatory),
  };
}

/** Someone else saved the draft since it was read. */
const isConflict = (error: unknown) => error instanceof ApiError && error.status === 409;

/** A work-log fact as a sentence of the notice, which is Chinese whatever language the screen is in. */
export function factSentence(fact: WorkLogFact): string {
  const [y, m, d] = fact.heldOn.split('-').map(Number);
  const title = fact.title.replace(/[。；;.\s]+$/, '');
  return `${y}年${m}月${d}日，${title}。`;
}

/**
 * The parts of a notice or report the unit writes, saved whole at the version read. A 409 keeps what was typed and lets the
 * writer either save it over the newer version or load that version instead.
 */
export function WritingEditor({
  inspectionId,
  kind,
  editable,
}: {
  inspectionId: number;
  kind: DocumentKind;
  editable: boolean;
}) {
  const t = useT(documentMessages);
  const c = useT(common);
  const { message, modal } = App.useApp();
  const { token } = theme.useToken();
  const draft = useDraft(inspectionId, kind);
  const saving = useSaveDraft();
  const [form] = Form.useForm<FormValues>();
  const version = useRef(0);
  const [savedVersion, setSavedVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const [reloadError, setReloadError] = useState<unknown>(null);
  const saveError = reloadError ?? (isConflict(saving.error) ? null : saving.error);

  // Typed text is not lost by a slip: leaving the page or switching the document asks first while changes are unsaved.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t('leaveTitle'),
      content: t('leaveBody'),
      okText: t('leave'),
      cancelText: t('stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // Each time the draft arrives from the server (on opening, or when the writer drops their changes for the newer
  // version), the form takes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the arrival, not on the data's identity
  useEffect(() => {
    if (!draft.data) return;
    form.setFieldsValue(toForm(draft.data));
    version.current = draft.data.version;
    setSavedVersion(draft.data.version);
    setDirty(false);
    setStale(false);
    setReloadError(null);
    saving.reset();
  }, [draft.dataUpdatedAt]);

  const { mutate } = saving;
  const put = useCallback(
    async (atVersion: number) => {
      const values = await validated(form);
      if (!values) return;
      setReloadError(null);
      mutate(
        { inspectionId, kind, body: { version: atVersion, ...fromForm(values) } },
        {
          onSuccess: (saved) => {
            version.current = saved.version;
            setSavedVersion(saved.version);
            setDirty(false);
            setStale(false);
            message.success(c('saved'));
          },
          onError: (error) => {
            if (isConflict(error)) setStale(true);
          },
        },
      );
    },
    [form, inspectionId, kind, mutate, message, c],
  );

  const save = () => put(version.current).catch(() => {});
  const overwrite = async () => {
    try {
      const latest = await fetchDraft(inspectionId, kind);
      await put(latest.version);
    } catch (error) {
      setReloadError(error);
    }
  };

  // Each fact a paragraph of its own (paragraphs are separated by a blank line, as the notice prints them), never glued
  // onto the sentence before it.
  const insertFacts = (facts: WorkLogFact[]) => {
    const current = ((form.getFieldValue('organising') as string | undefined) ?? '').trimEnd();
    const paragraphs = facts.map(factSentence).join('\n\n');
    form.setFieldValue('organising', current ? `${current}\n\n${paragraphs}` : paragraphs);
    setDirty(true);
  };

  if (draft.error && !draft.data) return <ErrorAlert error={draft.error} onRetry={draft.refetch} />;
  if (!draft.data) return <PageLoading />;
  const facts = draft.data.suggestions.facts;
  const isNotice = kind === 'notice';
  const headings = PART_HEADINGS[kind];

  return (
    // The form at its full height in the page's own scroll (not a pane of its own), the save bar kept in sight at the
    // top while it scrolls; the preview beside it stays put (DocumentsPage).
    <div>
      <Space
        wrap
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 3,
          background: token.colorBgLayout,
          padding: '8px 0',
          width: '100%',
        }}
      >
        {/* Saved by this button only: Enter confirms a date or adds a phone number here, it does not send the draft. */}
        <Button type="primary" onClick={save} loading={saving.isPending} disabled={!editable}>
          {t('saveDraft')}
        </Button>
        {dirty ? (
          <Tag color="warning">{t('unsaved')}</Tag>
        ) : (
          <Typography.Text type="secondary" aria-live="polite">
            {savedVersion > 0 ? t('savedAt', { version: savedVersion }) : t('notSavedYet')}
          </Typography.Text>
        )}
      </Space>
      {stale && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('staleTitle')}
          description={
            <>
              <div>{t('staleBody')}</div>
              <Space wrap style={{ marginTop: 8 }}>
                <Button size="small" type="primary" onClick={overwrite} loading={saving.isPending}>
                  {t('overwrite')}
                </Button>
                <Button size="small" onClick={() => draft.refetch()}>
                  {t('discardMine')}
                </Button>
              </Space>
            </>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <ErrorAlert error={saveError} />
      <div>
        <Form
          form={form}
          layout="vertical"
          disabled={!editable}
          onValuesChange={() => setDirty(true)}
          aria-label={t('tabWrite')}
        >
          <Row gutter={12}>
            <Col span={24}>
              <Form.Item name="issuer" label={t('issuer')} extra={t('issuerHint')}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="issuedOn" label={t('issuedOn')}>
                <DateInput style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="asOf" label={t('asOf')} tooltip={t('asOfHint')}>
                <DateInput style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {!isNotice && (
              <>
                <Col span={12}>
                  <Form.Item name="addressee" label={t('addressee')} extra={t('addresseeHint')}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="signatory" label={t('signatory')}>
                    <Input maxLength={50} />
                  </Form.Item>
                </Col>
              </>
            )}
          </Row>
          <Form.Item name="organising" label={t('organising', { heading: headings.one })} extra={t('organisingHint')}>
            <Input.TextArea autoSize={{ minRows: 6, maxRows: 30 }} maxLength={20_000} />
          </Form.Item>
          <section aria-label={t('facts')} style={{ marginTop: -8, marginBottom: 16 }}>
            <Space style={{ marginBottom: 4 }}>
              <Typography.Text type="secondary">{t('facts')}</Typography.Text>
              {facts.length > 1 && (
                <Button size="small" type="link" onClick={() => insertFacts(facts)}>
                  {t('insertAll')}
                </Button>
              )}
            </Space>
            {facts.length === 0 ? (
              <Typography.Paragraph type="secondary">{t('noFacts')}</Typography.Paragraph>
            ) : (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {facts.map((fact) => (
                  <li key={`${fact.heldOn}-${fact.title}`} style={{ marginBottom: 2 }}>
                    <Typography.Text>{factSentence(fact)}</Typography.Text>{' '}
                    <Button
                      size="small"
                      type="link"
                      onClick={() => insertFacts([fact])}
                      aria-label={`${t('insert')}：${factSentence(fact)}`}
                    >
                      {t('insert')}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Form.Item name="nextSteps" label={t('nextSteps', { heading: headings.three })}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 30 }} maxLength={20_000} />
          </Form.Item>
          {isNotice && (
            <>
              <Typography.Title level={5}>{t('publicPeriod')}</Typography.Title>
              {/* Issue 15: the period is set once, where the notice is prepared for publishing; shown here, kept as is. */}
              <Form.Item name="publicFrom" hidden>
                <DateInput />
              </Form.Item>
              <Form.Item name="publicTo" hidden>
                <DateInput />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const from = getFieldValue('publicFrom') as Dayjs | null;
                  const to = getFieldValue('publicTo') as Dayjs | null;
                  return (
                    <Typography.Paragraph>
                      {from && to
                        ? t('periodIs', { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') })
                        : t('periodNotSet')}{' '}
                      <Typography.Text type="secondary">{t('periodSetOnPublish')}</Typography.Text>
                    </Typography.Paragraph>
                  );
                }}
              </Form.Item>
              <Typography.Title level={5}>{t('contacts')}</Typography.Title>
              <Row gutter={12}>
                <Col span={12}>
                  <ContactListField name="phones" pattern={PHONE} invalid="phoneInvalid" hint="phonesHint" />
                </Col>
                <Col span={12}>
                  <ContactListField name="emails" pattern={EMAIL} invalid="emailInvalid" hint="emailsHint" />
                </Col>
                <Col span={16}>
                  <Form.Item name="postal" label={t('postal')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name="postcode"
                    label={t('postcode')}
                    rules={[{ pattern: /^\d{6}$/, message: t('postcodeInvalid') }]}
                  >
                    <Input inputMode="numeric" maxLength={6} />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
        </Form>
      </div>
    </div>
  );
}
