import { List } from 'antd';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { MyJobsDocument } from '../../gql/graphql';

export default function MyJobsPage() {
  const [{ data }] = useQuery({ query: MyJobsDocument });
  return (
    <List
      dataSource={data?.tickets.nodes ?? []}
      renderItem={(job) => (
        <List.Item>
          <Link to={`/my/jobs/${job.id}`}>{job.number}</Link>
        </List.Item>
      )}
    />
  );
}
