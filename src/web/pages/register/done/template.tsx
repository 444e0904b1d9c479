import type { PageContext } from '../../kit/context.ts';
import { Layout } from '../../kit/layout.tsx';

export interface DoneView {
  ctx: PageContext;
  title: string;
  lead: string;
  detail?: string;
  /** Where to go next; signing in, unless the citizen already is. */
  next?: { href: string; text: string };
}

export function DonePage(props: DoneView) {
  const { m } = props.ctx;
  const next = props.next ?? { href: '/sign-in', text: m.done.signIn };
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <div class="panel-success">
        <h1 safe>{props.title}</h1>
        <p safe>{props.lead}</p>
      </div>
      {props.detail ? <p safe>{props.detail}</p> : ''}
      <p>
        <a class="button" href={next.href}>
          {next.text}
        </a>
      </p>
    </Layout>
  );
}
