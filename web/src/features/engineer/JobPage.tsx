import { Card } from 'antd';
import { useParams } from 'react-router';

export default function JobPage() {
  const { id } = useParams();
  return <Card title={id} />;
}
