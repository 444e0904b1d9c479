import type { PageContext } from '../../kit/context.ts';
import { Layout } from '../../kit/layout.tsx';

export function DonePage(props: { ctx: PageContext; title: string; lead: string; detail?: string }) {
  const { m } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <div class="panel-success">
        <h1 safe>{props.title}</h1>
        <p safe>{props.lead}</p>
      </div>
      {props.detail ? <p safe>{props.detail}</p> : ''}
      <p>
        <a class="button" href="/sign-in">
          {m.done.signIn}
        </a>
      </p>
    </Layout>
  );
}
