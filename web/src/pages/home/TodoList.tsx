// The 工作台's to-do list: each item with its deadline and the button that starts or opens it.
import { ArrowRightOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Button, Empty } from 'antd';
import { date } from '../../app/format';
import { navigate } from '../../app/router';
import { useSession } from '../../app/session';
import { type Todo } from '../../app/todo';
import { StartEvaluation } from '../../workspace/StartEvaluation';

const KIND_LABEL = {
  start: '待填报',
  fill: '填报中',
  fix: '已退回',
  'leader-review': '待审核',
  'bureau-review': '待审核',
} as const;

export function TodoList({ list }: { list: Todo[] }) {
  const s = useSession();
  const role = s.me.user.role;
  return (
    <>
      {list.length === 0 ? (
        <Empty description={role === 'public' ? '公众账号只能查看已公开的评价结果' : '暂无需要您处理的事项'} />
      ) : (
        <ul className="jx-todo" aria-label="待办事项">
          {list.map((t) => (
            <li key={t.key} className={`jx-todo-item jx-todo-${t.kind}`}>
              <div className="jx-todo-main">
                <span className="jx-todo-kind">{KIND_LABEL[t.kind]}</span>
                <div>
                  <div className="jx-todo-title">{t.title}</div>
                  <div className="jx-muted">
                    {t.detail}
                    {t.deadline ? (
                      <span>
                        {' '}
                        · <ClockCircleOutlined aria-hidden /> 截止 {date(t.deadline)}
                      </span>
                    ) : null}
                  </div>
                </div>
              </div>
              {t.kind === 'start' ? (
                <StartEvaluation roundId={t.roundId} />
              ) : (
                <Button
                  type={t.kind === 'fill' ? 'default' : 'primary'}
                  onClick={() => navigate(`/evaluations/${t.evaluationId}`)}
                  aria-label={`${t.title}：去处理`}
                >
                  去处理 <ArrowRightOutlined aria-hidden />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
