import { Notice } from '../kit/components.tsx';
import type { PageContext } from '../kit/context.ts';
import { Layout } from '../kit/layout.tsx';

export function HomePage(props: { ctx: PageContext; notice?: string | undefined }) {
  const { m } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={m.home.title}>
      {props.notice ? <Notice tone="success">{props.notice}</Notice> : ''}
      <h1>{m.home.title}</h1>
      <p class="lead">{m.home.lead}</p>
      <div class="choices">
        <section class="choice">
          <h2>
            <a class="button" href="/register">
              {m.home.register}
            </a>
          </h2>
          <p>{m.home.registerHint}</p>
        </section>
        <section class="choice">
          <h2>
            <a class="button button-secondary" href="/sign-in">
              {m.home.signIn}
            </a>
          </h2>
          <p>{m.home.signInHint}</p>
        </section>
      </div>
    </Layout>
  );
}
