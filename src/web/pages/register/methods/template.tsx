import type { PageContext } from '../../kit/context.ts';
import type { MethodChoice } from '../../kit/deps.ts';
import { Layout } from '../../kit/layout.tsx';

/** The chooser's texts of each method, by method id. */
const TEXT_KEYS = {
  mobile: 'mobile',
  'social-insurance': 'insurance',
  vnpost: 'post',
  'usb-token': 'usbToken',
  'sim-signature': 'simSignature',
  'remote-signature': 'remoteSignature',
} as const;

/** A method's name as the chooser shows it; the id itself for a method the chooser does not know. */
export function methodName(ctx: PageContext, id: string): string {
  return id in TEXT_KEYS ? ctx.m.methods[TEXT_KEYS[id as keyof typeof TEXT_KEYS]] : id;
}

export function MethodsPage(props: {
  ctx: PageContext;
  methods: readonly MethodChoice[];
  /** Registering from a portal: "Register to continue to {portal}. ..." */
  forPortal?: string | undefined;
}) {
  const { m } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={m.methods.title}>
      <h1>{m.methods.title}</h1>
      {props.forPortal ? (
        <p class="lead" safe>
          {props.forPortal}
        </p>
      ) : (
        ''
      )}
      <p class={props.forPortal ? undefined : 'lead'}>{m.methods.lead}</p>
      <ul class="methods">
        {props.methods
          .filter((method) => method.id in TEXT_KEYS)
          .map((method) => {
            const key = TEXT_KEYS[method.id as keyof typeof TEXT_KEYS];
            return method.href ? (
              <li class="method">
                <a class="method-name" href={method.href}>
                  {m.methods[key]}
                </a>
                <p>{m.methods[`${key}Hint`]}</p>
              </li>
            ) : (
              <li class="method method-unavailable">
                <span class="method-name">{m.methods[key]}</span>
                <span class="tag">{m.methods.notYet}</span>
                <p>{m.methods[`${key}Hint`]}</p>
              </li>
            );
          })}
      </ul>
    </Layout>
  );
}
