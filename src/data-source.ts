import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@/config/config';
import { dataSourceOptions } from '@/database/data-source-options';
import { ENTITIES } from '@/entities';

/** For the TypeORM CLI (`npm run typeorm`: migration:generate / migration:run / migration:show). */
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl, ENTITIES));
